/**
 * A small BibTeX file in Better BibTeX's style (escaped braces and accents, a
 * Mendeley `file` field) with one malformed entry between two good ones: what
 * the worker-thread tests of the scan and the full parse read.
 */
export const MALFORMED_BIB = `@article{deOliveira2010,
  title = {({{Liquid}}+liquid) Equilibrium of \\{water\\}},
  author = {de Oliveira, Leonardo Hadlich and Aznar, Mart{\\'i}n},
  date = {2010-11},
  journaltitle = {The Journal of Chemical Thermodynamics},
  pages = {1379--1385},
  file = {:Deleuze1990.pdf:PDF}
}
@book{broken,
  title = {Unclosed {brace},
}
@book{after, title = {After}, publisher = {Springer}}
`;
