import { createRoot } from "react-dom/client";
import { createApolloClient } from "./apollo/client";
import { App } from "./app";
import { createNotifier } from "./notifications/notifier";
import { UNAUTHENTICATED_EVENT } from "./session/unauthenticated.redirect";
import "./styles.css";

const notifier = createNotifier();
const client = createApolloClient({
  notify: notifier.notify,
  onUnauthenticated: () => window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT)),
});

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(<App client={client} notifier={notifier} />);
