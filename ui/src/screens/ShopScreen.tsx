// The shop profile: name, contact, sender address, default courier and language.
// Used for first-time setup and for later edits, where the owner's PIN is also set (PinSection).
// Saving is behind the PIN: a `locked` refusal asks for it and saves again (components/Unlock.tsx).
import { useEffect, useState } from "react";
import * as api from "../api";
import type { Courier, Language, ShopProfile, ShopProfileInput } from "../bindings";
import { useBlockLeave, useGuardedLeave } from "../components/DiscardGuard";
import { FormError, SelectField, TextField } from "../components/Field";
import { UnlockProvider, useUnlock } from "../components/Unlock";
import { explainError } from "../formErrors";
import { useSaveForm } from "../hooks";
import { LANGUAGES } from "../i18n";
import { useI18n } from "../i18nContext";
import { PinSection } from "./PinSection";

export const COURIERS: readonly Courier[] = ["SF", "ZTO", "YTO", "STO", "YUNDA", "JD", "EMS"];

/** Form-local field names; "address.province" from Rust arrives here as "province". */
type FieldName =
  | "shopName"
  | "ownerName"
  | "senderName"
  | "phone"
  | "province"
  | "city"
  | "district"
  | "street"
  | "defaultCourier"
  | "language";

type AddressField = "province" | "city" | "district" | "street";

/** The fields in screen order. */
const FIELDS: readonly FieldName[] = [
  "shopName",
  "ownerName",
  "senderName",
  "phone",
  "province",
  "city",
  "district",
  "street",
  "defaultCourier",
  "language",
];

function emptyInput(language: Language): ShopProfileInput {
  return {
    shopName: "",
    ownerName: "",
    senderName: "",
    phone: "",
    address: { province: "", city: "", district: "", street: "" },
    defaultCourier: null,
    language,
  };
}

function toInput(profile: ShopProfile): ShopProfileInput {
  return {
    shopName: profile.shopName,
    ownerName: profile.ownerName,
    senderName: profile.senderName,
    phone: profile.phone,
    address: { ...profile.address },
    defaultCourier: profile.defaultCourier,
    language: profile.language,
  };
}

function isCourier(value: string): value is Courier {
  return (COURIERS as readonly string[]).includes(value);
}

function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

type ShopScreenProps = {
  mode: "setup" | "edit";
  onSaved: (profile: ShopProfile) => void;
  onBack?: () => void;
};

export function ShopScreen(props: ShopScreenProps) {
  return (
    <UnlockProvider>
      <ShopProfileForm {...props} />
    </UnlockProvider>
  );
}

function ShopProfileForm({ mode, onSaved, onBack }: ShopScreenProps) {
  const { t, language } = useI18n();
  const unlock = useUnlock();
  const [input, setInput] = useState<ShopProfileInput | null>(null);
  const labels: Record<FieldName, string> = {
    shopName: t("shop.field.shopName"),
    ownerName: t("shop.field.ownerName"),
    senderName: t("shop.field.senderName"),
    phone: t("shop.field.phone"),
    province: t("shop.field.province"),
    city: t("shop.field.city"),
    district: t("shop.field.district"),
    street: t("shop.field.street"),
    defaultCourier: t("shop.field.defaultCourier"),
    language: t("shop.field.language"),
  };
  const form = useSaveForm(labels, input);
  const { setErrors, clearError, error, setBaseline } = form;
  // Leaving with unsaved edits (the sidebar, Back) asks first.
  useBlockLeave(form.dirty);
  const leave = useGuardedLeave();

  useEffect(() => {
    let current = true;
    api.getShopProfile().then(
      (profile) => {
        if (current) setInput((prev) => prev ?? (profile ? toInput(profile) : emptyInput(language)));
      },
      (reason: unknown) => {
        if (!current) return;
        setInput((prev) => prev ?? emptyInput(language));
        setErrors(explainError(reason, []));
      },
    );
    return () => {
      current = false;
    };
    // Loaded once, on opening the screen; the current language only matters for that first answer.
  }, []);

  // The language switch in the sidebar and this select are one setting: keep them together. The
  // switch saves itself, so the language it set is no unsaved edit of this form.
  useEffect(() => {
    const follow = (prev: ShopProfileInput | null) => (prev && prev.language !== language ? { ...prev, language } : prev);
    setInput(follow);
    setBaseline(follow);
  }, [language, setBaseline]);

  const setTop = (name: "shopName" | "ownerName" | "senderName" | "phone") => (value: string) => {
    setInput((prev) => (prev ? { ...prev, [name]: value } : prev));
    clearError(name);
  };

  const setAddress = (name: AddressField) => (value: string) => {
    setInput((prev) => (prev ? { ...prev, address: { ...prev.address, [name]: value } } : prev));
    clearError(name);
  };

  const title = mode === "setup" ? t("shop.setupTitle") : t("shop.title");

  return (
    <section className="screen screen-narrow" aria-labelledby="shop-title">
      <header className="screen-header">
        <h1 id="shop-title">{title}</h1>
        <p className="screen-intro">{t("shop.setupIntro")}</p>
      </header>
      {input === null ? (
        <p className="muted">{t("common.loading")}</p>
      ) : (
        <form
          data-testid="shop-form"
          className="form card"
          onSubmit={(e) => form.submit(e, { shown: FIELDS, save: () => unlock.retry(() => api.saveShopProfile(input)), onSaved })}
          noValidate
          ref={form.ref}
        >
          <fieldset className="form-section">
            <legend>{t("shop.sectionContact")}</legend>
            <div className="form-grid">
              <TextField form="shop" name="shopName" label={labels.shopName} required value={input.shopName} onChange={setTop("shopName")} error={error("shopName")} />
              <TextField form="shop" name="ownerName" label={labels.ownerName} required value={input.ownerName} onChange={setTop("ownerName")} error={error("ownerName")} />
              <TextField form="shop" name="senderName" label={labels.senderName} required hint={t("shop.senderHint")} value={input.senderName} onChange={setTop("senderName")} error={error("senderName")} />
              <TextField form="shop" name="phone" type="tel" inputMode="tel" label={labels.phone} required placeholder={t("shop.phonePlaceholder")} value={input.phone} onChange={setTop("phone")} error={error("phone")} />
            </div>
          </fieldset>
          <fieldset className="form-section">
            <legend>{t("shop.sectionAddress")}</legend>
            <div className="form-grid form-grid-3">
              <TextField form="shop" name="province" label={labels.province} required value={input.address.province} onChange={setAddress("province")} error={error("province")} />
              <TextField form="shop" name="city" label={labels.city} required value={input.address.city} onChange={setAddress("city")} error={error("city")} />
              <TextField form="shop" name="district" label={labels.district} required value={input.address.district} onChange={setAddress("district")} error={error("district")} />
              <TextField form="shop" name="street" className="field-wide" label={labels.street} required placeholder={t("shop.streetPlaceholder")} value={input.address.street} onChange={setAddress("street")} error={error("street")} />
            </div>
          </fieldset>
          <fieldset className="form-section">
            <legend>{t("shop.sectionPreferences")}</legend>
            <div className="form-grid">
              <SelectField
                form="shop"
                name="defaultCourier"
                label={labels.defaultCourier}
                value={input.defaultCourier ?? ""}
                onChange={(value) => {
                  setInput((prev) => (prev ? { ...prev, defaultCourier: isCourier(value) ? value : null } : prev));
                  clearError("defaultCourier");
                }}
                error={error("defaultCourier")}
              >
                <option value="">{t("shop.courierNone")}</option>
                {COURIERS.map((c) => (
                  <option key={c} value={c}>
                    {t(`courier.${c}`)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                form="shop"
                name="language"
                label={labels.language}
                value={input.language}
                onChange={(value) => {
                  if (isLanguage(value)) setInput((prev) => (prev ? { ...prev, language: value } : prev));
                  clearError("language");
                }}
                error={error("language")}
              >
                {LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {t(`language.${l}`)}
                  </option>
                ))}
              </SelectField>
            </div>
          </fieldset>
          <FormError problem={form.errors.form} />
          <div className="form-actions">
            {onBack ? (
              <button type="button" className="btn btn-secondary" data-testid="shop-back" onClick={() => leave(onBack)}>
                {t("common.back")}
              </button>
            ) : null}
            <button type="submit" className="btn btn-primary btn-large" data-testid="shop-save" disabled={form.saving}>
              {form.saving ? t("common.saving") : t("common.save")}
            </button>
          </div>
        </form>
      )}
      {mode === "edit" ? <PinSection /> : null}
    </section>
  );
}
