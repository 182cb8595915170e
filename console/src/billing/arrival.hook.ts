import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { billingOutcome } from "../routes";
import { cardReturn } from "./card-return.component";
import { clearLastCompleted, peekLastCompleted } from "./checkout-memory";

/**
 * What the address announced on arrival (a checkout's outcome, a card saved on Stripe),
 * kept in state and dropped from the address at once: a reload or a bookmark does not
 * announce it again (review finding 22).
 */
export function useArrival() {
  const [search, setSearch] = useSearchParams();
  const [arrival, setArrival] = useState(() => {
    const outcome = billingOutcome(search);
    const last = outcome === "topped-up" ? peekLastCompleted() : null;
    return { outcome, credits: last?.kind === "TOP_UP" ? last.credits : undefined, card: cardReturn(search) };
  });
  const announced = arrival.outcome !== null || arrival.card !== null;
  const dropped = useRef(false);
  useEffect(() => {
    if (!announced || dropped.current) return;
    dropped.current = true;
    clearLastCompleted();
    setSearch({}, { replace: true });
  }, [announced, setSearch]);
  return {
    ...arrival,
    dismissOutcome: () => setArrival((a) => ({ ...a, outcome: null })),
    dismissCard: () => setArrival((a) => ({ ...a, card: null })),
  };
}
