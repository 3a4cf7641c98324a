// The listings of the sync screen (`sync-listings`): which marketplace listing (or SKU) sells which
// product, how much of it one piece sold is, how many pieces are held back, and what the marketplace
// is offered now; a form (`listing-form`) maps one more, or changes one (the same listing and SKU ids
// replace the mapping). Rust checks everything (docs/ipc.md, "Marketplace sync (issue 6)").
import { useEffect, useRef, useState, type FormEvent } from "react";
import * as api from "../api";
import type { Product } from "../bindings";
import { useBlockLeave } from "../components/DiscardGuard";
import { ComboboxField } from "../components/Combobox";
import { FormError, TextField } from "../components/Field";
import { useToast } from "../components/Toast";
import { errorPhrases } from "../formErrors";
import { countUnitLabel, formatQuantity, trimDecimal } from "../format";
import { sameValues, useSaveForm } from "../hooks";
import { phrase } from "../i18n";
import { useI18n } from "../i18nContext";
import type { ListingDto, ListingInput } from "../bindings";
import { ListError } from "./ListToolbar";
import { productOption } from "./pickerOptions";
import { piecesText } from "./syncText";
import type { Loaded } from "./useSyncData";

type Field = keyof ListingInput;
const FIELDS: readonly Field[] = ["numIid", "skuId", "outerId", "title", "productId", "saleQuantity", "buffer"];

export function emptyListing(): ListingInput {
  return { numIid: "", skuId: "", outerId: "", title: "", productId: "", saleQuantity: "", buffer: "" };
}

/** A mapping as the form edits it. */
export function listingInput(l: ListingDto): ListingInput {
  return {
    numIid: l.numIid,
    skuId: l.skuId,
    outerId: l.outerId,
    title: l.title,
    productId: l.productId,
    saleQuantity: trimDecimal(l.saleQuantity),
    buffer: String(l.buffer),
  };
}

export function SyncListings({
  listings,
  goods,
  draft,
  onChanged,
}: {
  listings: Loaded<ListingDto[]>;
  goods: Product[] | null;
  /** A listing to map, from a held order; a new serial fills the form again. */
  draft: { input: ListingInput; serial: number } | null;
  onChanged: () => void;
}) {
  const { t, language } = useI18n();
  const toast = useToast();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  // What fills the form: the latest of a held order's listing and a row's edit.
  const [fill, setFill] = useState<{ input: ListingInput; serial: number } | null>(null);
  const serial = useRef(0);
  useEffect(() => {
    if (draft) setFill({ input: draft.input, serial: ++serial.current });
  }, [draft]);

  async function remove(listing: ListingDto) {
    setDeleting(true);
    try {
      await api.deleteListing(listing.id);
      toast.show({ message: phrase("sync.listingDeletedToast") });
    } catch (reason) {
      toast.show({ message: errorPhrases(reason), error: true });
    } finally {
      setDeleting(false);
      setConfirming(null);
      onChanged();
    }
  }

  const perPiece = (l: ListingDto): string => {
    const product = goods?.find((p) => p.id === l.productId);
    const quantity = product ? formatQuantity(l.saleQuantity, product.saleUnit, language) : trimDecimal(l.saleQuantity);
    return t("sync.perPiece", { quantity });
  };

  const rows = listings.data;
  return (
    <section className="card sync-section" data-testid="sync-listings" aria-labelledby="sync-listings-title">
      <h2 id="sync-listings-title" className="sync-section-title">
        {t("sync.listingsTitle")}
      </h2>
      <p className="form-lead">{t("sync.listingsLead")}</p>
      {listings.error ? <ListError text={t("error.listFailed")} detail={t("error.detail", { message: listings.error.message })} /> : null}
      {rows === null ? (
        listings.error ? null : <p className="muted">{t("common.loading")}</p>
      ) : rows.length === 0 ? (
        <div className="empty" data-testid="listings-empty">
          {t("sync.listingsEmpty")}
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("sync.col.listing")}</th>
                <th>{t("sync.col.product")}</th>
                <th>{t("sync.col.perPiece")}</th>
                <th className="col-num">{t("sync.col.buffer")}</th>
                <th className="col-num">{t("sync.col.offer")}</th>
                <th className="col-actions">
                  <span className="sr-only">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((l) => (
                <tr key={l.id} data-testid="listing-row" data-id={l.id}>
                  <td>
                    <div className="cell-strong" data-testid="listing-row-title">
                      {l.title || l.numIid}
                    </div>
                    <div className="cell-sub" data-testid="listing-row-ids">
                      {[
                        t("sync.listingId", { id: l.numIid }),
                        l.skuId ? t("sync.skuId", { id: l.skuId }) : null,
                        l.outerId ? t("sync.outerId", { id: l.outerId }) : null,
                      ]
                        .filter((s): s is string => s !== null)
                        .join(" · ")}
                    </div>
                  </td>
                  <td data-testid="listing-row-product">{l.productName}</td>
                  <td className="cell-nowrap" data-testid="listing-row-per-piece">
                    {perPiece(l)}
                  </td>
                  <td className="col-num cell-nowrap" data-testid="listing-row-buffer">
                    {piecesText(t, l.buffer)}
                  </td>
                  <td className="col-num cell-nowrap cell-strong" data-testid="listing-row-offer">
                    {piecesText(t, l.offer)}
                  </td>
                  <td className="col-actions cell-nowrap">
                    {confirming === l.id ? (
                      <span className="rule-confirm" data-testid="confirm-delete" role="alertdialog" aria-label={t("sync.listingDeleteAsk")}>
                        <span>{t("sync.listingDeleteAsk")}</span>{" "}
                        <button type="button" className="btn btn-small btn-secondary" data-testid="confirm-delete-no" autoFocus onClick={() => setConfirming(null)}>
                          {t("sync.listingDeleteNo")}
                        </button>{" "}
                        <button type="button" className="btn btn-small btn-danger" data-testid="confirm-delete-yes" disabled={deleting} onClick={() => void remove(l)}>
                          {t("sync.listingDeleteYes")}
                        </button>
                      </span>
                    ) : (
                      <>
                        <button type="button" className="btn btn-small btn-secondary" data-testid="listing-edit" onClick={() => setFill({ input: listingInput(l), serial: ++serial.current })}>
                          {t("common.edit")}
                        </button>{" "}
                        <button type="button" className="btn btn-small btn-quiet" data-testid="listing-delete" onClick={() => setConfirming(l.id)}>
                          {t("sync.listingDelete")}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListingForm goods={goods} fill={fill} onSaved={onChanged} />
    </section>
  );
}

function ListingForm({
  goods,
  fill,
  onSaved,
}: {
  goods: Product[] | null;
  fill: { input: ListingInput; serial: number } | null;
  onSaved: () => void;
}) {
  const { t, language } = useI18n();
  const toast = useToast();
  const [values, setValues] = useState<ListingInput>(emptyListing);
  const labels: Record<Field, string> = {
    numIid: t("sync.field.numIid"),
    skuId: t("sync.field.skuId"),
    outerId: t("sync.field.outerId"),
    title: t("sync.field.title"),
    productId: t("sync.field.productId"),
    saleQuantity: t("sync.field.saleQuantity"),
    buffer: t("sync.field.buffer"),
  };
  const form = useSaveForm<Field, ListingInput>(labels, values);
  const { clearError, setErrors, setBaseline } = form;
  useBlockLeave(form.dirty);
  const formRef = form.ref;

  // A listing to map (a held order's line, a row's edit) fills the form and brings it into view.
  useEffect(() => {
    if (!fill) return;
    setValues(fill.input);
    // Nothing is typed yet: leaving asks only once something is.
    setBaseline(fill.input);
    setErrors({ fields: {}, form: null });
    const el = formRef.current;
    el?.scrollIntoView?.({ block: "nearest" });
    el?.querySelector<HTMLElement>(fill.input.productId === "" ? "[data-testid='listing-productId']" : "[data-testid='listing-buffer']")?.focus();
  }, [fill, setErrors, setBaseline, formRef]);

  const set = (name: Field) => (value: string) => {
    setValues((prev) => ({ ...prev, [name]: value }));
    clearError(name);
  };

  function error(name: Field): string | undefined {
    const issue = form.errors.fields[name];
    if (name === "numIid" && issue?.rule === "not_a_number") return t("sync.err.numIid");
    return form.error(name);
  }

  function submit(e: FormEvent) {
    const input: ListingInput = {
      numIid: values.numIid.trim(),
      skuId: values.skuId.trim(),
      outerId: values.outerId.trim(),
      title: values.title.trim(),
      productId: values.productId,
      saleQuantity: values.saleQuantity.trim(),
      buffer: values.buffer.trim(),
    };
    void form.submit(e, {
      shown: FIELDS,
      save: () => api.saveListing(input),
      onSaved: (saved) => {
        toast.show({ message: phrase("sync.listingSavedToast", { title: saved.title || saved.numIid }) });
        const next = emptyListing();
        setValues(next);
        setBaseline(next);
        onSaved();
      },
    });
  }

  const product = goods?.find((p) => p.id === values.productId);
  const productGone = values.productId !== "" && goods !== null && !product;
  // A listing sells goods: ingredients and packaging are never offered.
  const goodsOptions = (goods ?? []).map((p) => productOption(p, language, t));
  return (
    <form data-testid="listing-form" className="form sync-form listing-form" onSubmit={submit} noValidate ref={form.ref}>
      <h3>{t("sync.listingFormTitle")}</h3>
      <div className="form-grid form-grid-3">
        <TextField form="listing" name="numIid" label={labels.numIid} required inputMode="numeric" value={values.numIid} onChange={set("numIid")} error={error("numIid")} />
        <TextField form="listing" name="skuId" label={labels.skuId} value={values.skuId} onChange={set("skuId")} error={error("skuId")} hint={t("sync.skuHint")} />
        <TextField form="listing" name="outerId" label={labels.outerId} value={values.outerId} onChange={set("outerId")} error={error("outerId")} />
        <TextField form="listing" name="title" className="field-wide" label={labels.title} value={values.title} onChange={set("title")} error={error("title")} />
        <ComboboxField
          form="listing"
          name="productId"
          label={labels.productId}
          required
          value={values.productId}
          onChange={set("productId")}
          error={error("productId")}
          placeholder={goods === null ? t("common.loading") : t("sync.chooseProduct")}
          options={productGone ? [...goodsOptions, { value: values.productId, label: t("orders.productGone") }] : goodsOptions}
        />
        <TextField
          form="listing"
          name="saleQuantity"
          label={labels.saleQuantity}
          inputMode="decimal"
          placeholder="1"
          suffix={product ? countUnitLabel(product.saleUnit, language) : undefined}
          value={values.saleQuantity}
          onChange={set("saleQuantity")}
          error={error("saleQuantity")}
          hint={t("sync.saleQuantityHint")}
        />
        <TextField
          form="listing"
          name="buffer"
          label={labels.buffer}
          inputMode="numeric"
          placeholder="0"
          value={values.buffer}
          onChange={set("buffer")}
          error={error("buffer")}
          hint={t("sync.bufferHint")}
        />
      </div>
      <FormError problem={form.errors.form} />
      <div className="form-actions">
        {!sameValues(values, emptyListing()) ? (
          <button
            type="button"
            className="btn btn-secondary"
            data-testid="listing-clear"
            onClick={() => {
              const next = emptyListing();
              setValues(next);
              setBaseline(next);
              setErrors({ fields: {}, form: null });
            }}
          >
            {t("sync.listingClear")}
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary" data-testid="listing-save" disabled={form.saving}>
          {form.saving ? t("common.saving") : t("sync.listingSave")}
        </button>
      </div>
    </form>
  );
}
