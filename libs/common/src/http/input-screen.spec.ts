import { screenValue } from './input-screen';

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
    let deep: unknown = 'x';
    for (let i = 0; i < 20; i++) deep = { a: deep };
    expect(screenValue(deep, 'body')).toHaveLength(1);
  });
});
