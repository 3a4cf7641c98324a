// "Who is working" (谁在干活): the family member at the computer. Rust keeps it (it survives a restart
// and the CLI sees it) and records them on every stock movement; the pack step starts with their name.
// A button shows who it is; its menu picks another member, nobody, or adds a new one (who is then the
// one working). The app works the same without: a Rust side that does not know members leaves the
// button saying "who is working?".
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import * as api from "../api";
import type { Member } from "../bindings";
import { fieldMessage, issuesOf, problemOf, type FormProblem, type Issue } from "../formErrors";
import { phrase } from "../i18n";
import { useI18n } from "../i18nContext";
import { FormError } from "./FormError";
import { useToast } from "./Toast";

export function MemberSwitch({
  initial,
}: {
  /** Who is working, as the start said (not asked again); undefined: the switch asks. */
  initial?: Member | null;
} = {}) {
  const { t } = useI18n();
  const toast = useToast();
  const [current, setCurrent] = useState<Member | null>(initial ?? null);
  // Read once, when the switch first shows: the start's answer, or a question of its own.
  const [known] = useState(initial !== undefined);
  const [members, setMembers] = useState<Member[]>([]);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [nameIssue, setNameIssue] = useState<Issue | undefined>(undefined);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  const loadMembers = useCallback(() => {
    api.listMembers().then(setMembers, () => setMembers([]));
  }, []);

  useEffect(() => {
    if (known) return;
    let live = true;
    api.currentMember().then(
      (m) => {
        if (live) setCurrent(m);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [known]);

  useEffect(() => {
    if (!open) return;
    loadMembers();
    const onDown = (e: MouseEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    window.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      window.removeEventListener("keydown", onKey);
    };
  }, [open, loadMembers]);

  async function choose(id: string) {
    setBusy(true);
    setProblem(null);
    try {
      const member = await api.setCurrentMember(id);
      setCurrent(member);
      setOpen(false);
      toast.show({ message: member ? phrase("member.nowWorking", { name: member.name }) : phrase("member.nobodyToast") });
    } catch (reason) {
      setProblem(problemOf(reason));
    } finally {
      setBusy(false);
    }
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setNameIssue(undefined);
    try {
      const member = await api.addMember(name);
      const now = await api.setCurrentMember(member.id);
      setCurrent(now);
      setName("");
      setOpen(false);
      loadMembers();
      toast.show({ message: phrase("member.nowWorking", { name: member.name }) });
    } catch (reason) {
      const issue = issuesOf(api.toApiError(reason)).find((i) => i.field === "name");
      if (issue) setNameIssue(issue);
      else setProblem(problemOf(reason));
    } finally {
      setBusy(false);
    }
  }

  const active = members.filter((m) => m.active);
  const nameError = fieldMessage(t, nameIssue, t("member.name"));

  return (
    <div className="member" ref={root}>
      <button
        type="button"
        className={current ? "member-switch" : "member-switch member-switch-nobody"}
        data-testid="member-switch"
        aria-haspopup="menu"
        aria-expanded={open}
        title={t("member.switchTitle")}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="member-dot" aria-hidden="true" />
        <span className="member-label">{current ? current.name : t("member.nobody")}</span>
      </button>
      {open ? (
        <div className="member-menu" data-testid="member-menu" role="menu" aria-label={t("member.menuLabel")}>
          <div className="member-menu-title">{t("member.menuLabel")}</div>
          {active.map((m) => (
            <button
              key={m.id}
              type="button"
              role="menuitemradio"
              aria-checked={current?.id === m.id}
              className="member-option"
              data-testid="member-option"
              data-id={m.id}
              disabled={busy}
              onClick={() => void choose(m.id)}
            >
              {m.name}
            </button>
          ))}
          {current ? (
            <button type="button" role="menuitem" className="member-option member-option-none" data-testid="member-none" disabled={busy} onClick={() => void choose("")}>
              {t("member.none")}
            </button>
          ) : null}
          <form className="member-add" data-testid="member-add" onSubmit={(e) => void add(e)} noValidate>
            <label className="field-label" htmlFor="member-name">
              {active.length === 0 ? t("member.addFirst") : t("member.add")}
            </label>
            <div className="member-add-row">
              <input
                id="member-name"
                data-testid="member-name"
                type="text"
                value={name}
                maxLength={40}
                placeholder={t("member.namePlaceholder")}
                autoComplete="off"
                aria-invalid={nameError ? true : undefined}
                aria-describedby={nameError ? "error-member-name" : undefined}
                onChange={(e) => {
                  setName(e.target.value);
                  setNameIssue(undefined);
                }}
              />
              <button type="submit" className="btn btn-small btn-primary" data-testid="member-save" disabled={busy}>
                {t("member.save")}
              </button>
            </div>
            {nameError ? (
              <div className="field-error" id="error-member-name" data-testid="error-member-name" role="alert">
                {nameError}
              </div>
            ) : null}
          </form>
          <FormError problem={problem} />
        </div>
      ) : null}
    </div>
  );
}
