// Formulas MathJax renders and KaTeX refuses as written: the preview typesets them (no KaTeX error box),
// keeps the author's TeX in the MathML annotation, and leaves formulas KaTeX already reads unchanged.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import katex from 'katex';
import { MathRenderer } from '../../../../src/core/render/math/katex';
import { mathJaxCompatible } from '../../../../src/core/render/math/mathjaxCompat';

const MATHJAX_ACCEPTS = [
  '\\text{max_len}', '\\textrm{a_b^c}', '\\mbox{seq_len} + 1', '\\hbox{x_1}', '\\text{\\_ok_}',
  'x^\\vec{v}', 'a_\\mathrm{max}', 'x^\\hat{y}_\\tilde{z}', 'e^\\frac{a}{b}', 'x^\\sqrt[3]{y}',
  '\\require{cancel}\\cancel{x}', '\\label{eq:1} a = b', '\\eqref{eq:1}', '\\DeclareMathOperator{\\foo}{foo} \\foo x',
  '\\unicode{x263A}', '\\style{color:red}{\\alpha x}', '\\class{big}{y}', '\\bbox[yellow]{z}', '\\mathbbm{1}', '\\idotsint',
  '\\matrix{a & b \\\\ c & d}', '\\pmatrix{1 & 0}', '\\cases{1 & x > 0 \\\\ 0 & x \\le 0}', '\\displaylines{a \\\\ b}',
  '\\begin{eqnarray} a &=& b \\\\ c &=& d \\end{eqnarray}',
];

const annotation = (html: string) => /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/.exec(html)?.[1];
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('math as MathJax accepts it', () => {
  for (const tex of MATHJAX_ACCEPTS) {
    test(`typesets ${tex}`, () => {
      for (const display of [false, true]) {
        const html = new MathRenderer().render(tex, display);
        assert.doesNotMatch(html, /katex-error|techblog-math-error/, html.slice(0, 300));
        assert.equal(unescape(annotation(html) ?? ''), tex);
      }
    });
  }

  test('underscores in \\text stay visible characters', () => {
    assert.match(new MathRenderer().render('\\text{max_len}', false), /max_len|max<\/span>.*_.*len/s);
  });

  test('formulas KaTeX reads as written are rendered exactly as KaTeX renders them', () => {
    for (const tex of ['x^2 + y_1', '\\frac{a}{b}', '\\text{plain words}', 'x^{\\vec{v}}']) {
      const ours = new MathRenderer().render(tex, false);
      assert.equal(ours, katex.renderToString(tex, { output: 'htmlAndMathml', throwOnError: false, strict: 'ignore' }));
    }
  });

  test('what MathJax refuses still shows as an error, not as a rewritten formula', () => {
    assert.match(new MathRenderer().render('a^{b}^{c}', false), /katex-error/);
    assert.match(new MathRenderer().render('\\left( x', false), /katex-error/);
  });

  test('the rewrite only touches what KaTeX refuses', () => {
    assert.equal(mathJaxCompatible('x^\\vec{v} + y^{\\hat{w}}'), 'x^{\\vec{v}} + y^{\\hat{w}}');
    assert.equal(mathJaxCompatible('\\text{a_b} + c_d'), '\\text{a\\_b} + c_d');
  });
});
