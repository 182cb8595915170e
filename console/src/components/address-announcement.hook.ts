import { type Dispatch, type SetStateAction, useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";

/**
 * What the address announced on arrival (a checkout's outcome, a card saved on Stripe),
 * read once into state and then dropped from the address, so a reload or a bookmark
 * does not announce it again (UX review finding 22). `onDropped` runs once, when it is.
 */
export function useAddressAnnouncement<T>(
  read: (search: URLSearchParams) => T,
  announced: (value: T) => boolean,
  onDropped?: () => void,
): [T, Dispatch<SetStateAction<T>>] {
  const [search, setSearch] = useSearchParams();
  const [value, setValue] = useState(() => read(search));
  const present = announced(value);
  const dropped = useRef(false);
  // Only the arrival counts: later changes of `onDropped` must not drop the address again.
  const onDroppedOnce = useRef(onDropped);
  useEffect(() => {
    if (!present || dropped.current) return;
    dropped.current = true;
    onDroppedOnce.current?.();
    setSearch({}, { replace: true });
  }, [present, setSearch]);
  return [value, setValue];
}
