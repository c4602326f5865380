import { screenValue } from './input-screen';
import { MAX_ARRAY_ITEMS, MAX_STRING_LENGTH } from './limits';
import { ArrayDistinct } from './validators';
import { validateSync } from 'class-validator';

describe('screenValue', () => {
  it('refuses a lone surrogate anywhere in a body, and keeps characters made of a surrogate pair', () => {
    expect(screenValue({ email: '\ud800' }, 'body')).toEqual([
      { field: 'email', problems: ['must be well-formed Unicode (it holds a lone surrogate)'] },
    ]);
    expect(screenValue({ people: [{ name: 'a\udc00b' }] }, 'body')).toEqual([
      { field: 'people[0].name', problems: ['must be well-formed Unicode (it holds a lone surrogate)'] },
    ]);
    expect(screenValue({ title: 'Réunion 🌍 \ud83c\udf0d' }, 'body')).toEqual([]);
  });

  it('names a NUL character, a null field, a prototype key and deep nesting', () => {
    expect(screenValue({ name: 'a\u0000b' }, 'body')).toEqual([{ field: 'name', problems: ['must not contain NUL characters'] }]);
    expect(screenValue({ name: null }, 'body')).toEqual([{ field: 'name', problems: ['must not be null; leave the field out instead'] }]);
    expect(screenValue(JSON.parse('{"__proto__": {"admin": true}}'), 'body')).toEqual([
      { field: '__proto__', problems: ['property should not exist'] },
    ]);
    expect(screenValue({ name: 'x', prototype: 'y' }, 'body')).toEqual([{ field: 'prototype', problems: ['property should not exist'] }]);
    let deep: unknown = 'x';
    for (let i = 0; i < 20; i++) deep = { a: deep };
    expect(screenValue(deep, 'body')).toHaveLength(1);
  });

  it('refuses a list or a string larger than any field takes, without walking it', () => {
    const areas = Array.from({ length: 60_000 }, (_, i) => `A${i}`);
    expect(screenValue({ areas }, 'body')).toEqual([{ field: 'areas', problems: [`has more than ${MAX_ARRAY_ITEMS} items`] }]);
    expect(screenValue({ areas: areas.slice(0, MAX_ARRAY_ITEMS) }, 'body')).toEqual([]);
    expect(screenValue({ title: 'x'.repeat(MAX_STRING_LENGTH + 1) }, 'body')).toEqual([
      { field: 'title', problems: [`is longer than ${MAX_STRING_LENGTH} characters`] },
    ]);
  });
});

describe('ArrayDistinct', () => {
  class Body {
    @ArrayDistinct()
    areas!: unknown;
  }
  const problems = (areas: unknown) => validateSync(Object.assign(new Body(), { areas })).map((e) => e.constraints);

  it('refuses a repeated item and anything but a list, in one pass', () => {
    expect(problems(['POC', 'WPS'])).toEqual([]);
    expect(problems(['POC', 'WPS', 'POC'])).toEqual([{ arrayDistinct: 'areas must not hold the same value twice' }]);
    expect(problems('POC')).toHaveLength(1);
    const many = Array.from({ length: 200_000 }, (_, i) => `A${i}`);
    expect(problems([...many, 'A0'])).toHaveLength(1);
  });
});
