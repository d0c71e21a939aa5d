import Papa from 'papaparse';
import { type IntakeAction, INTAKE_FIELDS } from './fields';

/**
 * Templates for each action, generated from the one column list (fields.ts): the header row, one
 * example row, and what each column means. The CSV is built here; the renderer writes the same
 * rows as .xlsx (renderer/src/lib/intake-templates.ts), so both always carry the same columns.
 */
export type TemplateColumn = { label: string; help: string; example: string };

export const templateColumns = (action: IntakeAction): TemplateColumn[] =>
  INTAKE_FIELDS.filter((f) => f.templateFor.includes(action)).map((f) => ({
    label: f.label,
    help: f.help,
    example: f.example,
  }));

/** Header row + example row; what an .xlsx template holds. */
export const templateRows = (action: IntakeAction): string[][] => {
  const columns = templateColumns(action);
  return [columns.map((c) => c.label), columns.map((c) => c.example)];
};

export const templateFileName = (action: IntakeAction, extension: 'csv' | 'xlsx'): string =>
  `hosting-desk-${action}-template.${extension}`;

/** CSV (UTF-8 with BOM, so Excel on Windows opens accents right; CRLF as Excel writes it). */
export const templateCsv = (action: IntakeAction): string =>
  `\uFEFF${Papa.unparse(templateRows(action), { newline: '\r\n' })}\r\n`;
