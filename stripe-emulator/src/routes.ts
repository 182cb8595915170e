import type { Core } from "./core";
import type { Fields } from "./params";

export type Method = "GET" | "POST" | "DELETE";

export interface Ctx {
  core: Core;
  /** Path parameters, e.g. `id` of `/v1/customers/:id`. */
  params: Record<string, string>;
  /** The request's parameters, checked and typed against the route's fields. */
  input: Record<string, unknown>;
}

/** One endpoint of Stripe's API. The handler's result is rendered with the request's `expand[]`. */
export interface Route {
  method: Method;
  path: string;
  fields: Fields;
  handler: (ctx: Ctx) => unknown;
}

export interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

export function compile(routes: Route[]): CompiledRoute[] {
  return routes.map((route) => {
    const names: string[] = [];
    const source = route.path.replace(/:([a-z_]+)/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    return { ...route, pattern: new RegExp(`^${source}$`), names };
  });
}

export function match(
  routes: CompiledRoute[],
  method: string,
  path: string,
): { route: CompiledRoute; params: Record<string, string> } | "wrong_method" | undefined {
  let pathMatched = false;
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1]);
    });
    return { route, params };
  }
  return pathMatched ? "wrong_method" : undefined;
}

/** Typed access to validated input (the schema already guaranteed the shape). */
export function input<T>(ctx: Ctx): T {
  return ctx.input as T;
}
