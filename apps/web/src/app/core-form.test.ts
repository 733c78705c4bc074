import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { coreRequestForm } from './core-form.ts';

interface Values {
  name: string;
  rows: { title: string; size: number | string }[];
}

const schema = z.object({
  name: z.string().trim().min(1, 'is required'),
  rows: z.array(z.object({ title: z.string().trim().min(1, 'is required').max(5, 'must be at most 5 characters'), size: z.number().min(1, 'must be at least 1') })),
});

const form = coreRequestForm(schema, (v: Values) => ({ name: v.name, rows: v.rows.map((r) => ({ title: r.title, size: r.size === '' ? null : r.size })) }), {
  whenEmpty: { name: 'Enter a name', 'rows.*.title': 'Enter a title', 'rows.*.size': 'Enter a size' },
});

describe('a form checked by a core request schema', () => {
  it('puts each problem on its field, saying what to enter where a field is empty, and the rule otherwise', () => {
    expect(form.validate({ name: ' ', rows: [{ title: '', size: '' }, { title: 'Too long', size: 0 }] })).toEqual({
      name: 'Enter a name',
      'rows.0.title': 'Enter a title',
      'rows.0.size': 'Enter a size',
      'rows.1.title': 'Must be at most 5 characters',
      'rows.1.size': 'Must be at least 1',
    });
  });

  it('finds nothing wrong with good values, and sends them as the schema reads them', () => {
    const values = { name: ' Ada ', rows: [{ title: ' Tea ', size: 2 }] };
    expect(form.validate(values)).toEqual({});
    expect(form.request(values)).toEqual({ name: 'Ada', rows: [{ title: 'Tea', size: 2 }] });
  });
});
