/**
 * How partners see a consenting trainee's name: the first name and the initial of the last name
 * ("Aino K."), never the full last name. The initial is the first letter (a whole code point, so
 * "Ä" and "Ö" stay intact); punctuation in front of it is skipped.
 */
export function displayName(firstName: string, lastName: string): string {
  const first = firstName.trim().split(/\s+/)[0] ?? '';
  const initial = Array.from(lastName.normalize('NFC')).find((char) => /\p{L}/u.test(char));
  return initial ? `${first} ${initial.toLocaleUpperCase('fi')}.` : first;
}
