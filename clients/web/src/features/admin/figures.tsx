/** Named numbers in a grid of small boxes: a broadcast's counts, the service's stats. */
export function Figures({ figures, className }: { figures: [name: string, value: string | number][]; className?: string }) {
  return (
    <dl className={className ? `admin-figures ${className}` : 'admin-figures'}>
      {figures.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
