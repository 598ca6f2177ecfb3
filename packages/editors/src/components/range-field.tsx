/** A labelled slider for an editor setting (brush size, point size, opacity...). */
export const RangeField = ({
  label,
  value,
  min,
  max,
  onChange,
}: {
  /** The label with the current value in words, e.g. "Brush size: 12 px". */
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
}) => (
  <label className="flex flex-col text-xs text-slate-700">
    {label}
    <input
      type="range"
      min={min}
      max={max}
      value={value}
      onChange={(event) => onChange(Number(event.target.value))}
    />
  </label>
);
