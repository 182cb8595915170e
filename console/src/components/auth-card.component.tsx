import type { ReactNode } from "react";

/** The calm, centred frame of the signed-out pages. */
export function AuthCard({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) {
  return (
    <main className="auth">
      <div className="auth__card card">
        <p className="brand brand--large">Team Billing</p>
        <h1 className="auth__title">{title}</h1>
        {children}
      </div>
      <p className="auth__footer">{footer}</p>
    </main>
  );
}
