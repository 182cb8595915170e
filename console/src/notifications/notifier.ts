/** A tiny app-level notification store, readable from React via useSyncExternalStore. */

export type NotificationTone = "error" | "success" | "info";

export interface NotifyInput {
  tone: NotificationTone;
  message: string;
}

export interface AppNotification extends NotifyInput {
  id: number;
}

export interface Notifier {
  notify(input: NotifyInput): void;
  dismiss(id: number): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): readonly AppNotification[];
}

const MAX_VISIBLE = 3;
// Errors stay until dismissed: a person may need time to read why something failed.
const AUTO_DISMISS_MS: Record<NotificationTone, number | null> = { error: null, success: 5000, info: 5000 };

export function createNotifier(): Notifier {
  let items: readonly AppNotification[] = [];
  let nextId = 1;
  const listeners = new Set<() => void>();
  const emit = () => {
    for (const listener of listeners) listener();
  };

  const dismiss = (id: number) => {
    if (!items.some((n) => n.id === id)) return;
    items = items.filter((n) => n.id !== id);
    emit();
  };

  return {
    notify({ tone, message }) {
      // Two queries failing for one reason should not stack the same sentence twice.
      if (items.some((n) => n.tone === tone && n.message === message)) return;
      const id = nextId++;
      items = [...items, { id, tone, message }].slice(-MAX_VISIBLE);
      emit();
      const ttl = AUTO_DISMISS_MS[tone];
      if (ttl !== null) setTimeout(() => dismiss(id), ttl);
    },
    dismiss,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => items,
  };
}
