import { createContext, type ReactNode, useContext, useSyncExternalStore } from "react";
import type { Notifier } from "./notifier";

const NotifierContext = createContext<Notifier | null>(null);

export function NotifierProvider({ notifier, children }: { notifier: Notifier; children: ReactNode }) {
  return <NotifierContext value={notifier}>{children}</NotifierContext>;
}

export function useNotifier(): Notifier {
  const notifier = useContext(NotifierContext);
  if (!notifier) throw new Error("useNotifier needs a <NotifierProvider>");
  return notifier;
}

/** Shows app-level notifications in one corner; errors are announced assertively. */
export function NotificationCenter() {
  const notifier = useNotifier();
  const items = useSyncExternalStore(notifier.subscribe, notifier.getSnapshot, notifier.getSnapshot);
  return (
    <section className="toasts" aria-label="Notifications">
      {items.map((n) => (
        <div key={n.id} className={`toast toast--${n.tone}`} role={n.tone === "error" ? "alert" : "status"}>
          <p className="toast__message">{n.message}</p>
          <button type="button" className="toast__close" aria-label="Dismiss notification" onClick={() => notifier.dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
