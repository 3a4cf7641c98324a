// The marketplace sync DTOs as the UI receives them (docs/ipc.md, "Marketplace sync (issue 6)").
export type {
  HeldOrderDto,
  ListingDto,
  ListingInput,
  MarketplaceInput,
  MarketplaceSettings,
  OutboxItemDto,
  SyncAlertDto,
  SyncStatus,
} from "./bindings";
