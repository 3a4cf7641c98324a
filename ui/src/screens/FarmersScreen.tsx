// Farmers: a searchable, database-paged table with add/edit, archive (with undo) and restore.
import * as api from "../api";
import type { Farmer } from "../bindings";
import { useI18n } from "../i18nContext";
import { FarmerForm } from "./FarmerForm";
import { ListScreenView } from "./ListScreen";
import { ArchivedBadge } from "./ListToolbar";
import { useListScreen } from "./useListScreen";

const nameOf = (farmer: Farmer) => farmer.name;

export function FarmersScreen() {
  const { t } = useI18n();
  const screen = useListScreen({
    prefix: "farmers",
    list: api.listFarmers,
    archive: api.archiveFarmer,
    restore: api.restoreFarmer,
    nameOf,
  });

  return (
    <ListScreenView
      screen={screen}
      row="farmer"
      columns={
        <>
          <th>{t("farmer.field.name")}</th>
          <th>{t("farmer.field.village")}</th>
          <th>{t("farmer.field.phone")}</th>
          <th>{t("farmer.field.paymentNotes")}</th>
          <th>{t("farmer.field.remarks")}</th>
        </>
      }
      cells={(farmer) => (
        <>
          <td className="cell-name">
            <span className="cell-strong">{farmer.name}</span>
            {farmer.archived ? <ArchivedBadge /> : null}
          </td>
          <td className="cell-place">{farmer.village || t("common.none")}</td>
          <td className="cell-nowrap">{farmer.phone || t("common.none")}</td>
          <td className="cell-text">{farmer.paymentNotes || t("common.none")}</td>
          <td className="cell-text">{farmer.remarks || t("common.none")}</td>
        </>
      )}
      form={(farmer) => <FarmerForm farmer={farmer} onCancel={screen.closeForm} onSaved={() => screen.saved()} />}
    />
  );
}
