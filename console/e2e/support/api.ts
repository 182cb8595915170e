import { baseUrl } from "./browser";

export interface GraphQLAnswer<T> {
  status: number;
  body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function graphql<T>(headers: Record<string, string>, query: string, variables: Record<string, unknown>): Promise<GraphQLAnswer<T>> {
  const response = await fetch(`${baseUrl()}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLAnswer<T>["body"] };
}

/** Asks the API with an org key, as a partner integration would. */
export function graphqlWithKey<T = Record<string, unknown>>(
  secret: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphQLAnswer<T>> {
  return graphql<T>({ authorization: `Bearer ${secret}` }, query, variables);
}

/** Asks the API signed out: for what anyone may read, such as the catalog. */
export function graphqlPublic<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLAnswer<T>> {
  return graphql<T>({}, query, variables);
}

export interface TeamPrices {
  currency: string;
  team: { prices: { interval: "MONTHLY" | "YEARLY"; baseCents: number; seatCents: number }[] };
}

/** Team's prices as this server sells them (the public `catalog` query). */
export async function teamPrices(): Promise<TeamPrices> {
  const answer = await graphqlPublic<{ catalog: TeamPrices }>("{ catalog { currency team { prices { interval baseCents seatCents } } } }");
  if (!answer.body.data) throw new Error(`no catalog: ${JSON.stringify(answer.body.errors)}`);
  return answer.body.data.catalog;
}
