import { useAddressAnnouncement } from "../components/address-announcement.hook";
import { billingOutcome } from "../routes";
import { cardReturn } from "./card-return.component";
import { clearLastCompleted, peekLastCompleted } from "./checkout-memory";

/** What Billing's address announced on arrival: a checkout's outcome (with a top-up's credits) or a card saved on Stripe. */
export function useArrival() {
  const [arrival, setArrival] = useAddressAnnouncement(
    (search) => {
      const outcome = billingOutcome(search);
      const last = outcome === "topped-up" ? peekLastCompleted() : null;
      return { outcome, credits: last?.kind === "TOP_UP" ? last.credits : undefined, card: cardReturn(search) };
    },
    (a) => a.outcome !== null || a.card !== null,
    clearLastCompleted,
  );
  return {
    ...arrival,
    dismissOutcome: () => setArrival((a) => ({ ...a, outcome: null })),
    dismissCard: () => setArrival((a) => ({ ...a, card: null })),
  };
}
