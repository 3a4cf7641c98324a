// Farmers: a searchable, database-paged table with add/edit, archive (with undo) and restore.
import { useState } from "react";
import * as api from "../api";
import type { Farmer } from "../bindings";
import { Pager } from "../components/Pager";
import { useToast } from "../components/Toast";
import { errorPhrases } from "../formErrors";
import { phrase } from "../i18n";
import { SEARCH_DEBOUNCE_MS, useDebouncedValue, usePagedList } from "../hooks";
import { useI18n } from "../i18nContext";
import { FarmerForm } from "./FarmerForm";
import { ArchivedBadge, ListError, ListToolbar } from "./ListToolbar";

type Editing = { farmer: Farmer | null } | null;

export function FarmersScreen() {
  const { t } = useI18n();
  const toast = useToast();
  const [search, setSearch] = useState("");
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const term = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const list = usePagedList(api.listFarmers, term, showArchived);

  function reportFailure(reason: unknown) {
    toast.show({ message: errorPhrases(reason), error: true });
  }

  async function restore(farmer: Farmer) {
    try {
      await api.restoreFarmer(farmer.id);
      list.reload();
      toast.show({ message: phrase("farmers.restoredToast", { name: farmer.name }) });
    } catch (reason) {
      reportFailure(reason);
    }
  }

  async function archive(farmer: Farmer) {
    try {
      await api.archiveFarmer(farmer.id);
      list.reload();
      toast.show({
        message: phrase("farmers.archivedToast", { name: farmer.name }),
        undo: () => void restore(farmer),
      });
    } catch (reason) {
      reportFailure(reason);
    }
  }

  return (
    <section className="screen" data-testid="farmers-screen" aria-labelledby="farmers-title">
      <header className="screen-header">
        <h1 id="farmers-title">{t("farmers.title")}</h1>
        <p className="screen-intro">{t("farmers.intro")}</p>
      </header>
      <ListToolbar
        prefix="farmers"
        search={search}
        onSearch={setSearch}
        searchPlaceholder={t("farmers.searchPlaceholder")}
        showArchived={showArchived}
        onShowArchived={setShowArchived}
        addLabel={t("farmers.add")}
        onAdd={() => setEditing({ farmer: null })}
      />
      {list.error ? <ListError text={t("error.listFailed")} detail={t("error.detail", { message: list.error.message })} /> : null}
      {list.loading ? (
        <p className="muted">{t("common.loading")}</p>
      ) : list.items.length === 0 ? (
        <p className="empty" data-testid="farmers-empty">
          {term ? t("farmers.emptySearch", { search: term }) : t("farmers.empty")}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("farmer.field.name")}</th>
                <th>{t("farmer.field.village")}</th>
                <th>{t("farmer.field.phone")}</th>
                <th>{t("farmer.field.paymentNotes")}</th>
                <th>{t("farmer.field.remarks")}</th>
                <th className="col-actions">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((farmer) => (
                <tr key={farmer.id} data-testid="farmer-row" data-id={farmer.id} className={farmer.archived ? "row-archived" : undefined}>
                  <td className="cell-name">
                    <span className="cell-strong">{farmer.name}</span>
                    {farmer.archived ? <ArchivedBadge /> : null}
                  </td>
                  <td className="cell-place">{farmer.village || t("common.none")}</td>
                  <td className="cell-nowrap">{farmer.phone || t("common.none")}</td>
                  <td className="cell-text">{farmer.paymentNotes || t("common.none")}</td>
                  <td className="cell-text">{farmer.remarks || t("common.none")}</td>
                  <td className="col-actions">
                    <div className="row-actions">
                      <button type="button" className="btn btn-small btn-secondary" data-testid="farmer-edit" onClick={() => setEditing({ farmer })}>
                        {t("common.edit")}
                      </button>
                      {farmer.archived ? (
                        <button type="button" className="btn btn-small btn-secondary" data-testid="farmer-restore" onClick={() => void restore(farmer)}>
                          {t("common.restore")}
                        </button>
                      ) : (
                        <button type="button" className="btn btn-small btn-quiet" data-testid="farmer-archive" onClick={() => void archive(farmer)}>
                          {t("common.archive")}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager offset={list.offset} limit={list.limit} total={list.total} onOffset={list.setOffset} />
      {editing ? (
        <FarmerForm
          farmer={editing.farmer}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
            toast.show({ message: phrase("common.saved") });
          }}
        />
      ) : null}
    </section>
  );
}
