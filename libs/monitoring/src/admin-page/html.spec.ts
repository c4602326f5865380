import { escapeHtml, html } from './html';

/** Prettier formats templates tagged `html` as HTML; under another name these inputs stay exactly as written. */
const h = html;

describe('html', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const title = `<script>alert("x")</script> & 'quotes'`;
    expect(h`<p title="${title}">${title}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>',
    );
  });

  it('keeps markup made by html, joins arrays, and renders nothing for null, undefined and false', () => {
    const items = ['a<b', 'c'].map((item) => h`<li>${item}</li>`);
    expect(h`<ul>${items}</ul>${null}${undefined}${false}${0}`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>0');
  });

  it('collapses the template’s own whitespace, never an interpolated value’s', () => {
    expect(
      h`<p>
      a   ${'b\n  c'}
    </p>`.value,
    ).toBe('<p> a b\n  c </p>');
  });

  it('escapes a string that looks like markup even inside an array', () => {
    expect(h`${['<b>', h`<i>`]}`.value).toBe('&lt;b&gt;<i>');
    expect(escapeHtml('a&amp;b')).toBe('a&amp;amp;b');
  });
});
