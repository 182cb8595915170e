const FORMATS = {
  date: new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }),
  datetime: new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }),
};

/** A timestamp from the API (`DateTime`, ISO 8601 UTC) in the reader's locale and time zone. */
export function Time({ value, format = "date" }: { value: string; format?: keyof typeof FORMATS }) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span>{value}</span>;
  return (
    <time dateTime={value} title={date.toISOString()}>
      {FORMATS[format].format(date)}
    </time>
  );
}
