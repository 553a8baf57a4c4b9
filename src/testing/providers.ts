// The registry of provider simulators. One line per provider; each provider's module adds its own.
export const providerFactories = {} as const;
