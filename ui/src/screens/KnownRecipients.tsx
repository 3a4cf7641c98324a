// Repeat buyers in the order form: once the phone field holds a whole mobile number (or, before
// that, the name field a whole name), the recipients earlier orders went to are asked for
// (`recent_recipients`) and offered, each filled in with one click.
import { useEffect, useState } from "react";
import * as api from "../api";
import type { KnownRecipient, RecipientInput } from "../bindings";
import { useI18n } from "../i18nContext";

/** How long typing must pause before the shop is asked. */
export const LOOKUP_DELAY_MS = 300;

const RECIPIENT_KEYS: readonly (keyof RecipientInput)[] = ["name", "phone", "province", "city", "district", "street", "postcode"];

/** The digits of a phone as typed ("+86 138-0013-8000", full-width digits), without the country code. */
export function phoneDigits(text: string): string {
  const digits = text.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\D/g, "");
  return /^(?:0086|86)1\d{10}$/.test(digits) ? digits.slice(digits.length - 11) : digits;
}

/**
 * What to ask the shop for: a whole mobile number; else a name of two characters or more while
 * no number is being typed; else nothing (a half-typed number would find the wrong people).
 */
export function lookupKey(phone: string, name: string): string {
  const digits = phoneDigits(phone);
  if (/^1\d{10}$/.test(digits)) return digits;
  if (digits !== "") return "";
  const trimmed = name.trim();
  return [...trimmed].length >= 2 ? trimmed : "";
}

function sameRecipient(a: RecipientInput, b: RecipientInput): boolean {
  return RECIPIENT_KEYS.every((k) => a[k].trim() === b[k].trim());
}

export function toRecipient(k: KnownRecipient): RecipientInput {
  return { name: k.name, phone: k.phone, province: k.province, city: k.city, district: k.district, street: k.street, postcode: k.postcode };
}

/** The address on one line; a municipality is not said twice ("北京市北京市"). */
function addressLine(k: KnownRecipient): string {
  const city = k.city === k.province ? "" : k.city;
  return `${k.province}${city}${k.district}${k.street}`;
}

export function KnownRecipients({ phone, name, current, onUse }: { phone: string; name: string; current: RecipientInput; onUse: (r: RecipientInput) => void }) {
  const { t } = useI18n();
  const key = lookupKey(phone, name);
  const [found, setFound] = useState<{ key: string; items: KnownRecipient[] }>({ key: "", items: [] });

  useEffect(() => {
    if (key === "") return;
    let current = true;
    const timer = window.setTimeout(() => {
      api.recentRecipients(key).then(
        (items) => {
          if (current) setFound({ key, items });
        },
        // Not finding an earlier buyer never stops an order: the fields are typed as usual.
        () => {
          if (current) setFound({ key, items: [] });
        },
      );
    }, LOOKUP_DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [key]);

  const items = found.key === key && key !== "" ? found.items : [];
  if (items.length === 0) return null;
  return (
    <section className="known-recipients" data-testid="known-recipients" aria-labelledby="known-recipients-intro" aria-live="polite">
      <p className="known-recipients-intro" id="known-recipients-intro">
        {t(/^\d+$/.test(key) ? "known.introPhone" : "known.introName")}
      </p>
      <ul>
        {items.map((k, i) => {
          // The one now in the fields is marked, and the others stay offered to switch to.
          const applied = sameRecipient(toRecipient(k), current);
          return (
            <li key={`${k.phone}|${addressLine(k)}|${k.name}`} className={applied ? "known-recipient known-recipient-applied" : "known-recipient"} data-testid="known-recipient">
              <div className="known-recipient-text">
                <strong>{t("known.title", { name: k.name, date: k.lastOrderedOn, count: k.orders })}</strong>
                <span className="known-recipient-address">{`${k.phone}　${addressLine(k)}`}</span>
              </div>
              {applied ? (
                <span className="known-recipient-done" data-testid="known-recipient-applied">
                  {t("known.applied")}
                </span>
              ) : (
                <button type="button" className="btn btn-secondary" data-testid={`known-recipient-use-${i}`} onClick={() => onUse(toRecipient(k))}>
                  {t("known.use")}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
