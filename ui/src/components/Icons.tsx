// The few inline SVG icons the app uses (no icon fonts: the CSP allows only 'self').

export function LeafIcon({ size = 28 }: { size?: number }) {
  return (
    <svg viewBox="0 0 32 32" width={size} height={size} aria-hidden="true">
      <circle cx="16" cy="16" r="15" fill="#e3efe3" />
      <path d="M9 22c0-8 6-13 15-13 0 9-5 15-13 15" fill="#3f8a55" />
      <path d="M9 24c3-5 7-9 11-11" stroke="#fff" strokeWidth="1.6" fill="none" strokeLinecap="round" />
    </svg>
  );
}

export function ShopIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <path d="M3 8l1.5-4h11L17 8M3 8h14M3 8c0 1.5 1 2.5 2.3 2.5S7.7 9.5 7.7 8c0 1.5 1 2.5 2.3 2.5s2.3-1 2.3-2.5c0 1.5 1 2.5 2.4 2.5S17 9.5 17 8M4.5 10.5V16h11v-5.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}

export function PeopleIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <circle cx="7.5" cy="7" r="2.8" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M2.5 16c.5-3 2.5-4.5 5-4.5s4.5 1.5 5 4.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      <circle cx="14" cy="7.5" r="2.2" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M14 11.5c2 0 3.3 1.3 3.7 3.7" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

export function BasketIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <path d="M2.5 8h15l-1.5 8h-12zM6.5 8l3-5M13.5 8l-3-5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}

export function SearchIcon() {
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
      <circle cx="8.5" cy="8.5" r="5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M12.5 12.5l4 4" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

export function TruckIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <path d="M2 5h10v8H2zM12 8h3.5L18 11v2h-6" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      <circle cx="5.5" cy="14.5" r="1.6" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <circle cx="14.5" cy="14.5" r="1.6" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

export function BoxesIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <path d="M3 10h6v6H3zM11 10h6v6h-6zM7 4h6v6H7z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}

/** A clipboard with ticks: the stock count. */
export function ClipboardIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <path d="M7 3.5H5a1 1 0 0 0-1 1V17a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1V4.5a1 1 0 0 0-1-1h-2M7 2.5h6v2.5H7z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      <path d="M6.8 9.5l1.2 1.2 2-2.2M6.8 14l1.2 1.2 2-2.2M11.5 10h2.5M11.5 14.5h2.5" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function WalletIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <path d="M3 6.5h13.5v9.5H3zM3 6.5l9.5-3 1 3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      <path d="M12.5 10h4v3h-4z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}

/** A pay envelope with a coin: pay (工资). */
export function PayIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <path d="M3 5h14v11H3zM3 5l7 5 7-5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      <circle cx="14.5" cy="13.5" r="2.3" fill="none" stroke="currentColor" strokeWidth="1.4" />
    </svg>
  );
}

/** A cooking pot: production (making tofu, pepper oil). */
export function PotIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <path d="M3.5 9h13v5.5a2 2 0 0 1-2 2h-9a2 2 0 0 1-2-2zM2 9h16M8 6.5h4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M7 2.5c0 1 1 1 1 2M12 2.5c0 1 1 1 1 2" fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinecap="round" />
    </svg>
  );
}

/** Bars over a baseline: the reports. */
export function ChartIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <path d="M3 17h14" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      <path d="M5 17v-5h2.5v5M8.75 17V7h2.5v10M12.5 17v-7.5H15V17" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}

/** A receipt with a zigzag edge: the orders. */
export function OrdersIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <path d="M4.5 2.5h11v15l-1.85-1.3-1.85 1.3-1.8-1.3-1.8 1.3-1.85-1.3-1.85 1.3z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      <path d="M7.5 6.5h5M7.5 9.5h5M7.5 12.5h3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

/** A barcode: scanning parcels out to the courier. */
export function ScanIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <path d="M2.5 6V3.5h3M14.5 3.5h3V6M17.5 14v2.5h-3M5.5 16.5h-3V14" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M6 7v6M8.5 7v6M10.5 7v6M13.5 7v6" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

/** A padlock: pay and settings behind the owner's PIN. */
export function LockIcon({ size = 20 }: { size?: number }) {
  return (
    <svg viewBox="0 0 20 20" width={size} height={size} aria-hidden="true">
      <rect x="4" y="9" width="12" height="8.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M6.8 9V6.5a3.2 3.2 0 0 1 6.4 0V9" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      <circle cx="10" cy="13" r="1.2" fill="currentColor" />
    </svg>
  );
}

/** Two arrows going round: marketplace sync. */
export function SafeIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <path d="M10 2.5l6 2.3v4.6c0 3.9-2.6 6.8-6 8.1-3.4-1.3-6-4.2-6-8.1V4.8z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      <path d="M7.2 10l2 2 3.7-4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function SyncIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <path d="M16 8.5A6.2 6.2 0 0 0 4.6 6.2M4 11.5a6.2 6.2 0 0 0 11.4 2.3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      <path d="M16.3 3.8v4.7h-4.7M3.7 16.2v-4.7h4.7" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function SunIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <circle cx="10" cy="10" r="3.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path
        d="M10 2.5v2M10 15.5v2M2.5 10h2M15.5 10h2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
      />
    </svg>
  );
}

/** A panel with an arrow: folds the sidebar to icons (pointing left) or unfolds it (right). */
export function FoldIcon({ open }: { open: boolean }) {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <rect x="2.5" y="3.5" width="15" height="13" rx="2" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M7 3.5v13" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d={open ? "M13 7.5 10.5 10l2.5 2.5" : "M10.5 7.5 13 10l-2.5 2.5"} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
