export * from "./catalog";
export * from "./enums";
export * from "./error-codes";
export * from "./validation";
export * from "./tax-ids";
export * from "./cards";
export * from "./webhook-events";
