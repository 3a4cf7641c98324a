// Stock count (盘点): the lots in stock, searched and paged by the database, each with a box for what
// is really there. Only the lots with a typed value are sent to `record_count`; what was typed is
// kept by lot id, so it survives paging and searching, and leaving the screen with typed values asks
// first. Rust names a wrong value by its index in the lines sent (`lines.<i>.counted`); the screen
// keeps the lot ids it sent to put each message next to its lot's box. After saving, a summary shows
// what was missing or extra per lot, and what that cost in all; the list is read again.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from "react";
import * as api from "../api";
import type { CountLineInput, CountResult, ListQuery, Lot, LotPage } from "../bindings";
import { useBlockLeave } from "../components/DiscardGuard";
import { FormError, TextArea } from "../components/Field";
import { Pager } from "../components/Pager";
import { isZero, parseDecimal, subtract, toText } from "../decimal";
import { expiryOf, formatExpiry, formatMoney, formatQuantity, unitLabel } from "../format";
import { useSaveForm } from "../hooks";
import { useI18n } from "../i18nContext";
import { ListError, ListToolbar } from "./ListToolbar";
import { lotSource } from "./StockScreen";
import { usePagedScreen } from "./useListScreen";

/** The lots in stock, in FEFO order, as the list screens' query asks for them. */
function listInStock(query: ListQuery): Promise<LotPage> {
  return api.listLots({
    search: query.search,
    productId: null,
    includeEmpty: false,
    expiringWithinDays: null,
    limit: query.limit,
    offset: query.offset,
  });
}

/** A value typed for a lot, with the lot as it was listed (for the lines on other pages). */
type Typed = { lot: Lot; value: string };

type FieldName = "note" | "countedOn" | "lines" | `lines.${number}.counted` | `lines.${number}.lotId`;

/** "-2.5" stays, "2.5" becomes "+2.5": a difference always shows its sign. */
function signed(text: string): string {
  return text.startsWith("-") ? text : `+${text}`;
}

function sign(text: string): number {
  const d = parseDecimal(text);
  if (d === null || isZero(d)) return 0;
  return d.units < 0n ? -1 : 1;
}

function productOf(lot: Lot): string {
  return lot.grade ? `${lot.productName} ${lot.grade}` : lot.productName;
}

export function CountScreen() {
  const { t, language } = useI18n();
  const screen = usePagedScreen({ prefix: "count", list: listInStock });
  const { list, term } = screen;
  const [typed, setTyped] = useState<Readonly<Record<string, Typed>>>({});
  const [note, setNote] = useState("");
  /** The lot ids of the last count sent, by line index: Rust's `lines.<i>` is `sent[i]`. */
  const [sent, setSent] = useState<readonly string[]>([]);
  const [result, setResult] = useState<{ result: CountResult; lots: Readonly<Record<string, Lot>> } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  // What a save sends: the lots with something typed, in the order they were first typed.
  const entries = Object.values(typed).filter((e) => e.value.trim() !== "");
  const lines: CountLineInput[] = entries.map((e) => ({ lotId: e.lot.id, counted: e.value }));

  const label = (name: FieldName): string => {
    if (name === "note") return t("count.field.note");
    if (name === "countedOn") return t("count.field.countedOn");
    if (name === "lines") return t("count.field.lines");
    return name.endsWith(".lotId") ? t("count.field.lotId") : t("count.field.counted");
  };
  const form = useSaveForm<FieldName, { lines: CountLineInput[]; note: string }>(label, { lines, note });
  useBlockLeave(form.dirty);

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const fieldsOf = (i: number): [FieldName, FieldName] => [`lines.${i}.counted`, `lines.${i}.lotId`];

  function setCounted(lot: Lot, value: string) {
    setTyped((prev) => {
      const next = { ...prev };
      if (value === "") delete next[lot.id];
      else next[lot.id] = { lot: prev[lot.id]?.lot ?? lot, value };
      return next;
    });
    const i = sent.indexOf(lot.id);
    if (i !== -1) form.clearError(...fieldsOf(i));
  }

  /** The message of a lot's line in the last count sent, if Rust refused it. */
  function lotError(lot: Lot): { testId: string; text: string } | null {
    const i = sent.indexOf(lot.id);
    if (i === -1) return null;
    for (const name of fieldsOf(i)) {
      const issue = form.errors.fields[name];
      if (!issue) continue;
      const testId = `error-count-${name.replace(/\./g, "-")}`;
      if (issue.rule === "not_enough_stock" && issue.params?.available !== undefined) {
        return { testId, text: t("count.belowReserved", { reserved: formatQuantity(issue.params.available, lot.stockUnit, language) }) };
      }
      return { testId, text: form.error(name) ?? issue.message };
    }
    return null;
  }

  function submit(e: FormEvent) {
    const sending = lines;
    const shown: FieldName[] = ["note", ...sending.flatMap((_, i) => fieldsOf(i))];
    setSent(sending.map((l) => l.lotId));
    const lots: Record<string, Lot> = {};
    for (const entry of entries) lots[entry.lot.id] = entry.lot;
    return form.submit(e, {
      shown,
      save: () => api.recordCount({ countedOn: "", note, lines: sending }),
      onSaved: (saved: CountResult) => {
        setResult({ result: saved, lots });
        setTyped({});
        setNote("");
        setSent([]);
        form.setBaseline({ lines: [], note: "" });
        list.reload();
      },
    });
  }

  /** Enter goes on to the next lot's box rather than saving the count half-typed. */
  function nextBox(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== "Enter") return;
    e.preventDefault();
    const boxes = [...document.querySelectorAll<HTMLInputElement>('[data-testid="count-counted"]')];
    boxes[boxes.indexOf(e.currentTarget) + 1]?.focus();
  }

  const onPage = new Set(list.items.map((lot) => lot.id));
  const elsewhere = sent
    .map((id) => typed[id]?.lot)
    .filter((lot): lot is Lot => lot !== undefined && !onPage.has(lot.id))
    .map((lot) => ({ lot, error: lotError(lot) }))
    .filter((x): x is { lot: Lot; error: { testId: string; text: string } } => x.error !== null);

  return (
    <section className="screen" data-testid="count-screen" aria-labelledby="count-title">
      <header className="screen-header">
        <h1 id="count-title">{t("count.title")}</h1>
        <p className="screen-intro">{t("count.intro")}</p>
      </header>

      {result ? (
        <CountSummary
          result={result.result}
          lots={result.lots}
          panel={resultRef}
          onClose={() => setResult(null)}
        />
      ) : null}

      <ListToolbar prefix="count" search={screen.search} onSearch={screen.setSearch} searchPlaceholder={t("count.searchPlaceholder")} />
      {list.error ? <ListError text={t("error.listFailed")} detail={t("error.detail", { message: list.error.message })} /> : null}

      <form data-testid="count-form" className="count-form" onSubmit={submit} noValidate ref={form.ref}>
        {list.loading ? (
          <p className="muted">{t("common.loading")}</p>
        ) : list.items.length === 0 ? (
          <p className="empty" data-testid="count-empty">
            {term ? t("count.emptySearch", { search: term }) : t("count.empty")}
          </p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("count.colProduct")}</th>
                  <th className="col-optional">{t("count.colFrom")}</th>
                  <th>{t("count.colBestBefore")}</th>
                  <th className="col-num">{t("count.colOnHand")}</th>
                  <th>{t("count.colCounted")}</th>
                  <th className="col-num">{t("count.colDifference")}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((lot) => {
                  const value = typed[lot.id]?.value ?? "";
                  const error = lotError(lot);
                  const counted = parseDecimal(value);
                  const onHand = parseDecimal(lot.onHand);
                  const difference = value.trim() !== "" && counted && onHand ? toText(subtract(counted, onHand)) : null;
                  const expiry = expiryOf(lot.daysToExpiry);
                  return (
                    <tr
                      key={lot.id}
                      data-testid="count-row"
                      data-id={lot.id}
                      data-expiry={expiry}
                      className={value.trim() !== "" ? `lot-${expiry} row-counted` : `lot-${expiry}`}
                    >
                      <td className="cell-name">
                        <span className="cell-strong">{lot.productName}</span>
                        {lot.grade ? <span className="badge badge-grade">{lot.grade}</span> : null}
                      </td>
                      <td className="cell-received col-optional">
                        <div className={lot.madeHere ? "cell-made-here" : undefined}>{lotSource(lot, t)}</div>
                        <div className="cell-sub cell-nowrap">{lot.receivedOn}</div>
                      </td>
                      <td className="cell-nowrap">
                        {lot.bestBefore ? <div>{lot.bestBefore}</div> : null}
                        <span className={`expiry expiry-${expiry}`}>{formatExpiry(lot.daysToExpiry, language)}</span>
                      </td>
                      <td className="col-num cell-nowrap cell-strong">{formatQuantity(lot.onHand, lot.stockUnit, language)}</td>
                      <td className="count-cell">
                        <div className="input-with-suffix count-input">
                          <input
                            type="text"
                            inputMode="decimal"
                            data-testid="count-counted"
                            aria-label={t("count.countedLabel", { product: productOf(lot) })}
                            aria-invalid={error ? true : undefined}
                            aria-describedby={error ? `${error.testId}-${lot.id}` : undefined}
                            autoComplete="off"
                            spellCheck={false}
                            value={value}
                            onChange={(e) => setCounted(lot, e.target.value)}
                            onKeyDown={nextBox}
                          />
                          <span className="input-suffix" aria-hidden="true">
                            {unitLabel(lot.stockUnit, language)}
                          </span>
                        </div>
                        {error ? (
                          <div className="field-error" id={`${error.testId}-${lot.id}`} data-testid={error.testId} role="alert">
                            {error.text}
                          </div>
                        ) : null}
                      </td>
                      <td className="col-num cell-nowrap">
                        {difference === null ? null : sign(difference) === 0 ? (
                          <span className="cell-muted">{t("count.same")}</span>
                        ) : (
                          <span className={sign(difference) < 0 ? "diff-minus" : "diff-plus"}>
                            {signed(formatQuantity(difference, lot.stockUnit, language))}
                          </span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <Pager offset={list.offset} limit={list.limit} total={list.total} onOffset={list.setOffset} />

        <div className="count-footer">
          <div className="form-grid">
            <TextArea
              form="count"
              name="note"
              label={t("count.field.note")}
              placeholder={t("count.notePlaceholder")}
              value={note}
              onChange={(value) => {
                setNote(value);
                form.clearError("note");
              }}
              error={form.error("note")}
            />
          </div>
          {elsewhere.length > 0 ? (
            <div className="form-error" data-testid="count-errors-elsewhere" role="alert">
              <div>{t("count.errorsElsewhere")}</div>
              <ul>
                {elsewhere.map(({ lot, error }) => (
                  <li key={lot.id} data-testid={error.testId}>
                    {t("count.elsewhereItem", { product: productOf(lot), from: lotSource(lot, t), message: error.text })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <FormError problem={form.errors.form} />
          <div className="form-actions count-actions">
            <span className="muted" data-testid="count-typed">
              {entries.length > 0 ? t("count.typed", { count: entries.length }) : t("count.noneTyped")}
            </span>
            <button type="submit" className="btn btn-primary" data-testid="count-save" disabled={entries.length === 0 || form.saving}>
              {form.saving ? t("common.saving") : t("count.save")}
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}

/** What a saved count found: per lot the difference and its cost, and the net loss (or gain). */
function CountSummary({
  result,
  lots,
  panel,
  onClose,
}: {
  result: CountResult;
  lots: Readonly<Record<string, Lot>>;
  panel: RefObject<HTMLDivElement | null>;
  onClose: () => void;
}) {
  const { t, language } = useI18n();
  const lost = sign(result.lost);
  const amount = formatMoney(result.lost.replace(/^-/, ""));
  return (
    <div className="count-result" data-testid="count-result" tabIndex={-1} ref={panel} role="status">
      <h2 className="count-result-title">{t("count.resultTitle", { date: result.countedOn })}</h2>
      <p>{t("count.resultAdjusted", { count: result.adjusted })}</p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t("count.resultColProduct")}</th>
              <th className="col-num">{t("count.resultColExpected")}</th>
              <th className="col-num">{t("count.resultColCounted")}</th>
              <th className="col-num">{t("count.resultColDifference")}</th>
              <th className="col-num">{t("count.resultColCost")}</th>
            </tr>
          </thead>
          <tbody>
            {result.lines.map((line) => {
              const lot = lots[line.lotId];
              const diff = sign(line.difference);
              return (
                <tr key={line.lotId} data-testid="count-result-row" data-id={line.lotId}>
                  <td className="cell-name">
                    <span className="cell-strong">{line.productName}</span>
                    {lot?.grade ? <span className="badge badge-grade">{lot.grade}</span> : null}
                    {lot ? <div className="cell-sub">{lotSource(lot, t)}</div> : null}
                  </td>
                  <td className="col-num cell-nowrap">{formatQuantity(line.expected, line.stockUnit, language)}</td>
                  <td className="col-num cell-nowrap">{formatQuantity(line.counted, line.stockUnit, language)}</td>
                  <td className="col-num cell-nowrap">
                    {diff === 0 ? (
                      <span className="cell-muted">{t("count.same")}</span>
                    ) : (
                      <span className={diff < 0 ? "diff-minus" : "diff-plus"}>{signed(formatQuantity(line.difference, line.stockUnit, language))}</span>
                    )}
                  </td>
                  <td className="col-num cell-nowrap">
                    {diff === 0 ? (
                      <span className="cell-muted">{t("common.none")}</span>
                    ) : (
                      <span className={diff < 0 ? "diff-minus" : "diff-plus"}>{signed(formatMoney(line.cost))}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className={lost > 0 ? "count-lost count-lost-loss" : "count-lost"} data-testid="count-lost">
        {lost > 0 ? t("count.lost", { amount }) : lost < 0 ? t("count.found", { amount }) : t("count.noLoss")}
      </p>
      <div className="form-actions">
        <button type="button" className="btn btn-secondary" data-testid="count-result-close" onClick={onClose}>
          {t("count.resultClose")}
        </button>
      </div>
    </div>
  );
}
