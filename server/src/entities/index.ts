import * as all from "./all";

export * from "./all";

/** Every entity, for the data source (a class exported from ./all is registered). */
export const ENTITIES: Function[] = Object.values(all);
