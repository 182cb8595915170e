import { useQuery } from "@apollo/client/react";
import type { Catalog } from "@team-billing/shared";
import { type ReactNode, useMemo } from "react";
import { describeError } from "../apollo/error-message";
import { PAGE_CODES } from "../apollo/error.link";
import { graphql } from "../gql";
import { catalogFromApi } from "./pricing";
import { InlineLoadError } from "../components/page-state.component";

export const CatalogFields = graphql(`
  fragment CatalogFields on Catalog {
    currency
    personalPlans {
      plan
      monthlyPriceCents
      monthlyCredits
    }
    team {
      baseMonthlyCredits
      creditsPerSeat
      prices {
        interval
        baseCents
        seatCents
      }
    }
    topUp {
      minCredits
      maxCredits
      stepCredits
      centsPerStep
    }
    enterpriseDefaultMonthlyCredits
  }
`);

const CatalogQuery = graphql(`
  query Catalog {
    catalog {
      ...CatalogFields
    }
  }
`);

/** The answer lacked a plan or interval the console sells. */
const INCOMPLETE = new Error("The server's price list is missing a plan or billing interval.");

export interface CatalogState {
  catalog: Catalog | null;
  loading: boolean;
  error: unknown;
  refetch: () => void;
}

/**
 * What this server sells and at what price (its CATALOG_JSON included). One
 * query for every section that shows a price: the first asks, the others read
 * the cache (prices change with a deploy, not while a page is open).
 */
export function useCatalog(): CatalogState {
  const { data, loading, error, refetch } = useQuery(CatalogQuery, { fetchPolicy: "cache-first", context: { handles: PAGE_CODES } });
  const catalog = useMemo(() => (data ? catalogFromApi(data.catalog) : null), [data]);
  return {
    catalog,
    loading: loading && !data,
    error: error ?? (data && !catalog ? INCOMPLETE : null),
    refetch: () => void refetch(),
  };
}

/**
 * Renders `children` with the catalog; until then the usual loading line, or
 * the error with a retry. `inline` for a place inside a sentence or a fact.
 */
export function WithCatalog({ children, inline = false }: { children: (catalog: Catalog) => ReactNode; inline?: boolean }) {
  const { catalog, error, refetch } = useCatalog();
  if (catalog) return children(catalog);
  const Text = inline ? "span" : "p";
  if (error) {
    const message = error === INCOMPLETE ? INCOMPLETE.message : describeError(error).message;
    return <InlineLoadError what="the prices" message={message} onRetry={refetch} inline={inline} />;
  }
  return (
    <Text className="muted" role="status">
      Loading prices…
    </Text>
  );
}
