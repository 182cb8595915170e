import { useEffect } from "react";
import { useLocation } from "react-router";

export interface TeamSection {
  id: string;
  label: string;
}

/**
 * Team settings is long (the audit log alone can fill screens): an "On this page" row of links,
 * kept at the top while scrolling, to each section the reader can see.
 */
export function TeamSectionsNav({ sections }: { sections: readonly TeamSection[] }) {
  useScrollToHash();
  return (
    <nav className="section-nav" aria-label="On this page">
      <ul className="section-nav__list">
        {sections.map((s) => (
          <li key={s.id}>
            <a className="section-nav__link" href={`#${s.id}`}>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Links such as `/orgs/x/team#invitations` land on their section once the page has rendered it. */
function useScrollToHash() {
  const { hash } = useLocation();
  useEffect(() => {
    if (!hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    // jsdom has no scrolling; a browser always does.
    target?.scrollIntoView?.({ block: "start" });
  }, [hash]);
}
