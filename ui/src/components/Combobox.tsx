// A picker that searches: the products, farmers and members a form offers, found by what a person
// types — part of the name, its full pinyin or its initials (猕猴桃 by "猕猴", "mihoutao" or "mht"),
// or the grade / pack size shown under it. Rust computes the pinyin key (`searchKey` of the DTOs,
// `farmstall_domain::text::search_key`); nothing here knows pinyin.
//
// It replaces a native <select> in the forms and keeps its contract: the input's test id is the one
// SelectField used, the chosen id is `data-value`, and the screen only ever sees an id or "".
// The list is `position: fixed` so a scrolling dialog does not cut it off, and its height is what
// fits between the field and the window's edge.
import {
  useCallback,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
} from "react";
import { useI18n } from "../i18nContext";
import { describedBy, ids, Label, Messages, type FieldCommon } from "./Field";

export type ComboOption = {
  /** The id the form keeps ("" may be an option too: "any goods"). */
  value: string;
  /** The full name, shown whole (wrapped, never cut) in the list and in the closed field. */
  label: string;
  /** A second line: grade, pack size, price, village. Typing matches it too. */
  detail?: string | undefined;
  /** Full pinyin and initials from Rust ("mihoutao mht"), matched without spaces. */
  searchKey?: string | undefined;
};

/** Lowercase with the spaces taken out, so "Mi Hou" and "mihou" are the same search. */
function squash(text: string): string {
  return text.toLowerCase().replace(/\s+/g, "");
}

/**
 * Whether an option answers what was typed: part of its label or detail (spaces ignored), or the
 * start or any part of one of its search key's words (the full pinyin, the initials, English words).
 */
export function matches(option: ComboOption, typed: string): boolean {
  const q = squash(typed);
  if (q === "") return true;
  if (matchesWhole(option, q)) return true;
  // Words typed apart may each match a different part: "mihoutao tj" (pinyin, then initials),
  // "猕猴桃 特级".
  const words = typed.trim().toLowerCase().split(/\s+/);
  return words.length > 1 && words.every((w) => matchesWhole(option, w));
}

function matchesWhole(option: ComboOption, q: string): boolean {
  if (squash(option.label).includes(q)) return true;
  if (option.detail && squash(option.detail).includes(q)) return true;
  const key = (option.searchKey ?? "").toLowerCase();
  if (key === "") return false;
  return key.split(/\s+/).some((word) => word.includes(q)) || squash(key).includes(q);
}

const MAX_LIST_HEIGHT = 320;
const MARGIN = 8;

/** Below the field, or above it when there is more room there; never past the window's edge. */
function useListPosition(open: boolean, anchor: RefObject<HTMLElement | null>) {
  const [style, setStyle] = useState<CSSProperties>({});
  const place = useCallback(() => {
    const a = anchor.current;
    if (!a) return;
    const rect = a.getBoundingClientRect();
    const width = Math.min(Math.max(rect.width, 260), window.innerWidth - 2 * MARGIN);
    const left = Math.max(MARGIN, Math.min(rect.left, window.innerWidth - width - MARGIN));
    const below = window.innerHeight - rect.bottom - MARGIN - 4;
    const above = rect.top - MARGIN - 4;
    if (below >= Math.min(200, MAX_LIST_HEIGHT) || below >= above) {
      setStyle({ left, width, top: rect.bottom + 4, maxHeight: Math.max(120, Math.min(MAX_LIST_HEIGHT, below)) });
    } else {
      setStyle({ left, width, bottom: window.innerHeight - rect.top + 4, maxHeight: Math.min(MAX_LIST_HEIGHT, above) });
    }
  }, [anchor]);
  useLayoutEffect(() => {
    if (!open) return;
    place();
    window.addEventListener("resize", place);
    window.addEventListener("scroll", place, true);
    return () => {
      window.removeEventListener("resize", place);
      window.removeEventListener("scroll", place, true);
    };
  }, [open, place]);
  return style;
}

export type ComboboxProps = {
  /** The input's id (for a <label htmlFor>) and, unless `testId` says otherwise, its test id. */
  id: string;
  testId?: string;
  name?: string;
  /** The chosen option's value ("" for none). */
  value: string;
  onChange: (value: string) => void;
  options: readonly ComboOption[];
  /** Shown in the empty field: what to choose, or that the list is loading. */
  placeholder?: string | undefined;
  /** Names the list (the field's label). */
  listLabel: string;
  "aria-invalid"?: boolean | undefined;
  "aria-describedby"?: string | undefined;
  className?: string;
};

/** The picker alone, for a toolbar or a compact row; forms use ComboboxField. */
export function Combobox(props: ComboboxProps) {
  const { t } = useI18n();
  const testId = props.testId ?? props.id;
  const listId = useId();
  const optionId = (i: number) => `${listId}-${i}`;
  const wrapRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  // What is typed; null while the field shows the chosen option.
  const [query, setQuery] = useState<string | null>(null);
  const justFocused = useRef(false);
  const [active, setActive] = useState(-1);
  const style = useListPosition(open, wrapRef);

  const { options, value, onChange } = props;
  const chosen = options.find((o) => o.value === value);
  const shown = useMemo(() => (query === null ? options : options.filter((o) => matches(o, query))), [options, query]);

  function openList(from: readonly ComboOption[] = shown) {
    setOpen(true);
    const at = from.findIndex((o) => o.value === value);
    setActive(at >= 0 ? at : from.length > 0 ? 0 : -1);
  }

  function close() {
    setOpen(false);
    setQuery(null);
    setActive(-1);
  }

  function pick(option: ComboOption) {
    if (option.value !== value) onChange(option.value);
    close();
  }

  function typed(text: string) {
    setQuery(text);
    setOpen(true);
    if (text.trim() === "") {
      // Nothing typed: Enter must not take the first name of the list, only the one already chosen.
      setActive(options.findIndex((o) => o.value === value));
    } else {
      setActive(options.some((o) => matches(o, text)) ? 0 : -1);
    }
  }

  function move(to: number) {
    if (shown.length === 0) return;
    const next = (to + shown.length) % shown.length;
    setActive(next);
    document.getElementById(optionId(next))?.scrollIntoView?.({ block: "nearest" });
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (open) move(active + 1);
        else openList();
        break;
      case "ArrowUp":
        e.preventDefault();
        if (open) move(active < 0 ? shown.length - 1 : active - 1);
        else openList();
        break;
      case "Home":
      case "End":
        if (open && query === null) {
          e.preventDefault();
          move(e.key === "Home" ? 0 : shown.length - 1);
        }
        break;
      case "Enter": {
        // Enter chooses from an open list; it must not also send the form.
        const option = open ? shown[active] : undefined;
        if (option) {
          e.preventDefault();
          pick(option);
        } else if (open) {
          e.preventDefault();
        }
        break;
      }
      case "Escape":
        // Only the list closes (and what was typed goes), not the dialog the field is in.
        if (open || query !== null) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
        break;
      case "Tab": {
        // Leaving with a search typed takes the highlighted answer, as the list showed it.
        const option = open && query !== null && query.trim() !== "" ? shown[active] : undefined;
        if (option) pick(option);
        else close();
        break;
      }
      default:
        break;
    }
  }

  function onBlur(e: FocusEvent) {
    if (e.relatedTarget instanceof Node && wrapRef.current?.contains(e.relatedTarget)) return;
    close();
  }

  const activeOption = open && active >= 0 ? shown[active] : undefined;
  const text = query ?? chosen?.label ?? "";

  return (
    <div className={`combo${open ? " combo-open" : ""} ${props.className ?? ""}`} ref={wrapRef} onBlur={onBlur}>
      <input
        id={props.id}
        data-testid={testId}
        data-value={value}
        name={props.name}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeOption ? optionId(active) : undefined}
        aria-invalid={props["aria-invalid"]}
        aria-describedby={props["aria-describedby"]}
        autoComplete="off"
        spellCheck={false}
        value={text}
        placeholder={props.placeholder}
        // The whole name on hover only where the box may cut it; "全部" needs no tooltip.
        title={chosen && chosen.value !== "" ? (chosen.detail ? `${chosen.label} · ${chosen.detail}` : chosen.label) : undefined}
        onChange={(e) => typed(e.target.value)}
        // Clicking in selects what the box shows, so typing searches afresh instead of adding to
        // the chosen name ("全部mht"); the mouse-up that follows must not undo the selection.
        onFocus={(e) => {
          e.currentTarget.select();
          justFocused.current = true;
        }}
        onMouseUp={(e) => {
          if (justFocused.current) e.preventDefault();
          justFocused.current = false;
        }}
        onClick={() => (open ? undefined : openList())}
        onKeyDown={onKeyDown}
      />
      <button
        type="button"
        className="combo-toggle"
        tabIndex={-1}
        aria-label={t("combo.open")}
        title={t("combo.open")}
        aria-controls={listId}
        aria-expanded={open}
        data-testid={`${testId}-toggle`}
        // Keeps the focus in the input, so the list stays open and the keys keep working.
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => (open ? close() : openList())}
      >
        <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
          <path d="M5 8l5 5 5-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      {open ? (
        <div className="combo-popup" style={style} data-testid={`${testId}-popup`} onMouseDown={(e) => e.preventDefault()}>
          <ul id={listId} role="listbox" aria-label={props.listLabel} data-testid={`${testId}-listbox`} className="combo-list">
            {shown.map((option, i) => (
              <li
                key={option.value === "" ? "(none)" : option.value}
                id={optionId(i)}
                role="option"
                aria-selected={option.value === value}
                data-value={option.value}
                data-label={option.label}
                data-testid={`${testId}-option`}
                className={`combo-option${i === active ? " combo-active" : ""}${option.value === value ? " combo-chosen" : ""}`}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(option)}
              >
                <span className="combo-label">{option.label}</span>
                {option.detail ? <span className="combo-detail">{option.detail}</span> : null}
              </li>
            ))}
          </ul>
          {shown.length === 0 ? (
            <div className="combo-empty" role="status" data-testid={`${testId}-empty`}>
              {query !== null && query.trim() !== "" ? t("combo.noneFor", { text: query.trim() }) : t("combo.none")}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** A labelled picker in a form, with the test ids of docs/ipc.md (`<form>-<name>`, `error-<form>-<name>`). */
export function ComboboxField(
  props: FieldCommon & {
    /** The chosen option's value ("" for none). */
    value: string;
    onChange: (value: string) => void;
    options: readonly ComboOption[];
    /** Shown in the empty field: what to choose, or that the list is loading. */
    placeholder?: string | undefined;
    className?: string;
  },
) {
  const id = ids(props.form, props.name, props.errorName, props.errorForm);
  return (
    <div className={`field ${props.className ?? ""}`}>
      <Label htmlFor={id.input} label={props.label} required={props.required} />
      <Combobox
        id={id.input}
        name={props.name}
        value={props.value}
        onChange={props.onChange}
        options={props.options}
        placeholder={props.placeholder}
        listLabel={props.label}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.error, props.hint)}
      />
      <Messages id={id} error={props.error} hint={props.hint} />
    </div>
  );
}
