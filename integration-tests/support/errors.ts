/** Reading GraphQL errors in tests: the first error's extensions, the input paths it names, the codes and reasons. */
export type Extensions = Record<string, unknown> | undefined;

interface WithErrors {
  errors?: Array<{ extensions?: Record<string, unknown> }>;
}

/** `extensions` of the first error, if any. */
export const errorOf = (response: WithErrors): Extensions => response.errors?.[0]?.extensions;

/** The input paths (`input.entries[2].hours`) an error's `extensions.fields` names. */
export const paths = (extensions: Extensions): string[] => ((extensions?.fields as Array<{ path: string }>) ?? []).map((f) => f.path);

/** `[code, reason]` of every error. */
export const codes = (response: WithErrors): Array<[unknown, unknown]> =>
  (response.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.reason]);
