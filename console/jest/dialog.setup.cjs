// jsdom has <dialog> but not its methods. This is enough for components that
// open a modal with showModal() and close it with close(); focus trapping and
// the backdrop are the browser's job (the e2e tests cover those).
const proto = globalThis.HTMLDialogElement?.prototype;
if (proto && !proto.showModal) {
  proto.showModal = function showModal() {
    this.setAttribute("open", "");
    const first = this.querySelector("button, [href], input, select, textarea");
    first?.focus();
  };
  proto.show = function show() {
    this.setAttribute("open", "");
  };
  proto.close = function close() {
    if (!this.hasAttribute("open")) return;
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
}
