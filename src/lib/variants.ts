type ClassValue = string | false | null | undefined;

/** Joins class names, skipping the falsy ones. */
export function cx(...classes: ClassValue[]): string {
  return classes.filter(Boolean).join(' ');
}

type VariantMap = Record<string, Record<string, string>>;

type VariantProps<V extends VariantMap> = { [K in keyof V]?: keyof V[K] };

type VariantConfig<V extends VariantMap> = {
  base?: string;
  variants: V;
  defaultVariants: { [K in keyof V]: keyof V[K] };
};

/**
 * A tiny class-variance helper: `variants({ base, variants, defaultVariants })` returns a function
 * that turns `{ tone: 'danger', className }` into one class string.
 */
export function variants<V extends VariantMap>({ base, variants: map, defaultVariants }: VariantConfig<V>) {
  return (props: VariantProps<V> & { className?: string } = {}): string => {
    const chosen = Object.keys(map).map((name) => {
      const value = props[name] ?? defaultVariants[name];
      return map[name]?.[value as string];
    });
    return cx(base, ...chosen, props.className);
  };
}
