import { badInput } from '../../platform/errors';
import type { LocalizedText } from '../shared/localized-text';
import { I18nReason } from './i18n.reasons';
import { enumLabels } from './labels';

export interface EnumLabel {
  value: string;
  label: LocalizedText;
}

export interface EnumLabels {
  enum: string;
  values: EnumLabel[];
}

/** Labels are static data compiled into the service: no database, no loaders needed. */
export class I18nService {
  constructor(private readonly labels: typeof enumLabels = enumLabels) {}

  enumLabels(name: string): EnumLabel[] {
    const table = Object.hasOwn(this.labels, name) ? this.labels[name] : undefined;
    if (!table) throw badInput('enum', `Unknown enum; known: ${this.enumNames().join(', ')}`, I18nReason.UNKNOWN_ENUM);
    return Object.entries(table).map(([value, label]) => ({ value, label }));
  }

  allEnumLabels(): EnumLabels[] {
    return this.enumNames().map((name) => ({ enum: name, values: this.enumLabels(name) }));
  }

  enumNames(): string[] {
    return Object.keys(this.labels).sort();
  }
}
