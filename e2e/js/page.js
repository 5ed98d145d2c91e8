// page.js: what the browser tests ask of a page, answered the way a person
// perceives it -- by the text of a label, a legend, a link or a button, and
// by what is focused -- never by ids or classes of the markup, except for
// the checks of print and wide-screen layout, which measure named boxes.
//
// The Go side evaluates `(<this function>)(op, ...args)` through the DevTools
// protocol (Runtime.evaluate). That works while the page's own JavaScript is
// disabled and is not subject to the page's Content-Security-Policy, and it
// defines nothing in the page between calls.
(function page(op, ...args) {
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();

  // shown: laid out and not hidden. Radios and checkboxes drawn over their
  // native input have opacity 0 but are still where a person clicks.
  // What is aria-hidden is not perceived by anybody (an unseen default
  // button that only Enter in a field reaches).
  const shown = (el) => {
    if (!el.isConnected || el.getClientRects().length === 0) return false;
    if (el.closest('[aria-hidden="true"]')) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.display !== 'none';
  };

  const role = (el) => {
    const tag = el.tagName.toLowerCase();
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'button') return 'button';
    if (tag === 'select') return 'select';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'input') {
      const type = (el.getAttribute('type') || 'text').toLowerCase();
      if (type === 'radio' || type === 'checkbox' || type === 'file') return type;
      if (type === 'submit' || type === 'button' || type === 'reset') return 'button';
      if (type === 'hidden') return 'hidden';
      return 'textbox';
    }
    return tag;
  };

  // name: a link's or button's text (including visually hidden text, as a
  // screen reader reads it), or a form control's label.
  const name = (el) => {
    switch (role(el)) {
      case 'link':
      case 'button':
      case 'summary':
        return norm(el.textContent || el.value);
      default:
        if (el.labels && el.labels.length > 0) return norm(el.labels[0].textContent);
        return norm(el.getAttribute('aria-label'));
    }
  };

  // group: the legend of the fieldset around a control, if any.
  const group = (el) => {
    const fs = el.closest('fieldset');
    const legend = fs && fs.querySelector(':scope > legend');
    return legend ? norm(legend.textContent) : '';
  };

  const describe = (el) => {
    if (!el || el === document.body || el === document.documentElement) {
      return { role: 'none', name: '', group: '', text: '(nothing focused)' };
    }
    const r = role(el);
    const n = name(el);
    const g = group(el);
    let text = r + ' "' + n + '"';
    if (r !== 'link' && r !== 'button' && r !== 'textbox' && r !== 'select' && r !== 'radio' &&
        r !== 'checkbox' && r !== 'file' && r !== 'summary') {
      text = '<' + el.tagName.toLowerCase() + (el.className ? ' class="' + el.className + '"' : '') + '> "' +
        norm(el.textContent).slice(0, 60) + '"';
    }
    if (g) text += ' in "' + g + '"';
    return { role: r, name: n, group: g, text };
  };

  const controls = () => [...document.querySelectorAll('a[href], button, input, select, textarea, summary')];

  const find = (r, n, g) =>
    controls().filter((el) => role(el) === r && name(el) === n && (!g || group(el) === g) && shown(el));

  const listOf = (r) => [...new Set(controls().filter((el) => role(el) === r && shown(el)).map(describe).map((d) => d.text))];

  // The props that draw a focus indicator. Text colour alone is not one.
  const indicatorProps = ['outline-style', 'outline-width', 'outline-color', 'outline-offset', 'box-shadow',
    'background-color', 'border-top-color', 'border-top-width', 'border-bottom-color', 'border-bottom-width',
    'text-decoration-line', 'text-decoration-thickness'];

  const ops = {
    // Every shown control with this role, name and (when given) group.
    count: (r, n, g) => find(r, n, g).length,
    // The first one, for a chromedp JSPath selector (null when none).
    first: (r, n, g) => find(r, n, g)[0] || null,
    // What a person could choose from, for failure messages.
    list: (r) => listOf(r),
    heading: () => norm((document.querySelector('h1') || {}).textContent),
    text: () => norm(document.body.innerText),
    // The text of the section that follows a heading, up to the next
    // heading of the same or a higher level.
    section: (headingText) => {
      const hs = [...document.querySelectorAll('h1, h2, h3, h4')];
      const h = hs.find((x) => norm(x.textContent) === headingText);
      if (!h) return null;
      const level = Number(h.tagName[1]);
      let out = '';
      for (let el = h.nextElementSibling; el; el = el.nextElementSibling) {
        if (/^H[1-6]$/.test(el.tagName) && Number(el.tagName[1]) <= level) break;
        out += ' ' + el.innerText;
      }
      return norm(out);
    },
    focused: () => describe(document.activeElement),
    // The body rows of the table whose caption (visible or not, as a
    // screen reader announces it) is captionText, each as its cells' text.
    rows: (captionText) => {
      const t = [...document.querySelectorAll('table')].find((x) => x.caption && norm(x.caption.textContent) === captionText);
      if (!t) return null;
      return [...t.tBodies].flatMap((b) => [...b.rows]).map((tr) => [...tr.cells].map((td) => norm(td.innerText)));
    },
    // The state of a form control as a person sees it.
    state: (r, n, g) => {
      const el = find(r, n, g)[0];
      if (!el) return null;
      const sel = el.tagName === 'SELECT' ? el.options[el.selectedIndex] : null;
      return {
        checked: !!el.checked,
        value: el.value || '',
        selected: sel ? norm(sel.textContent) : '',
        files: el.files ? [...el.files].map((f) => f.name) : [],
        focused: el === document.activeElement,
        // A disclosure's summary: whether its details are open.
        open: el.tagName === 'SUMMARY' && !!el.parentElement.open,
      };
    },
    errorSummary: () => {
      const s = document.querySelector('.error-summary') || document.querySelector('[role="alert"]');
      if (!s) return null;
      return {
        title: norm((s.querySelector('h2') || {}).textContent),
        links: [...s.querySelectorAll('a')].map((a) => ({ text: norm(a.textContent), href: a.getAttribute('href') })),
        focused: s === document.activeElement,
        // Whether the links come in the order of the fields on the page.
        inPageOrder: (() => {
          const targets = [...s.querySelectorAll('a')].map((a) => document.getElementById(decodeURIComponent((a.getAttribute('href') || '').replace(/^#/, ''))));
          if (targets.some((el) => !el)) return false;
          return targets.every((el, i) => i === 0 || (targets[i - 1].compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
        })(),
      };
    },
    // The element a same-page link points at, and whether it has focus.
    fragmentTarget: () => {
      const id = decodeURIComponent(location.hash.slice(1));
      const el = id && document.getElementById(id);
      return { id, exists: !!el, focused: !!el && el === document.activeElement, focusedNow: describe(document.activeElement).text };
    },
    // Whether the focused element looks different from the same element
    // unfocused: its own box (when it is drawn) and its labels with their
    // ::before and ::after boxes, which draw custom radios and checkboxes.
    focusIndicator: () => {
      const el = document.activeElement;
      const d = describe(el);
      if (d.role === 'none') return { what: d.text, visible: false, changed: [], matchesFocusVisible: false };
      const boxes = [];
      if (getComputedStyle(el).opacity !== '0' && shown(el)) boxes.push([el, null, 'element']);
      for (const l of el.labels || []) {
        boxes.push([l, null, 'label'], [l, '::before', 'label::before'], [l, '::after', 'label::after']);
      }
      const snap = () => boxes.map(([e, pseudo]) => {
        const cs = getComputedStyle(e, pseudo);
        return indicatorProps.map((p) => cs.getPropertyValue(p));
      });
      const matchesFocusVisible = el.matches(':focus-visible');
      const focusedStyle = snap();
      el.blur();
      const plainStyle = snap();
      el.focus({ focusVisible: true });
      const changed = [];
      boxes.forEach(([, , label], i) => indicatorProps.forEach((p, j) => {
        if (focusedStyle[i][j] !== plainStyle[i][j]) changed.push(label + ' ' + p + ': ' + plainStyle[i][j] + ' -> ' + focusedStyle[i][j]);
      }));
      return { what: d.text, visible: changed.length > 0, changed, matchesFocusVisible, refocused: document.activeElement === el };
    },
    // Whether the page is wider than limit CSS pixels, and the innermost
    // elements that stick out. (A phone widens its layout viewport to fit
    // content that is too wide, so innerWidth grows too.)
    overflow: (limit) => {
      const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
      const wide = [...document.body.querySelectorAll('*')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > limit + 0.5;
      });
      const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
      const offenders = innermost.slice(0, 8).map((el) => {
        const r = el.getBoundingClientRect();
        return describe(el).text + ' (' + Math.round(r.left) + '..' + Math.round(r.right) + 'px)';
      });
      return { scrollWidth, innerWidth: window.innerWidth, offenders };
    },
    // How each selector's first element is displayed ("absent" when the
    // page has none), for the checks of a medium or a layout.
    displays: (selectors) => Object.fromEntries(selectors.map((sel) => {
      const el = document.querySelector(sel);
      return [sel, el ? getComputedStyle(el).display : 'absent'];
    })),
    // Where the first element matching selector is in the viewport, in CSS
    // pixels, and how far the page scrolls; null when there is none.
    // Whether the page is laid out for a screen of the given width and
    // height (emulation of the viewport and of the print medium reaches
    // the renderer after the call that asks for it has returned).
    laidOutFor: (width, height) => window.innerWidth === width && window.innerHeight === height &&
      !window.matchMedia('print').matches,
    box: (selector) => {
      const el = document.querySelector(selector);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height,
        viewport: window.innerHeight, scrollY: window.scrollY,
        pageHeight: document.documentElement.scrollHeight };
    },
    // Scrolls until the end of the first element matching selector is at
    // the bottom of the viewport, and says how far the page went.
    scrollToEnd: (selector) => {
      document.querySelector(selector).scrollIntoView({ block: 'end', behavior: 'instant' });
      return window.scrollY;
    },
    // The scrolling regions (tables too wide for their column) whose
    // content is wider than the region shows.
    cutRegions: () => [...document.querySelectorAll('.table-wrap')]
      .filter((el) => el.scrollWidth > el.clientWidth + 0.5)
      .map((el) => describe(el).text + ' (' + el.scrollWidth + ' px in ' + el.clientWidth + ' px)'),
    // Whether scripting is enabled for the document: with scripting off,
    // the parser reads <noscript> content as markup.
    scripting: () => {
      const d = document.createElement('div');
      d.innerHTML = '<noscript><i></i></noscript>';
      return d.querySelector('i') === null;
    },
  };
  if (!(op in ops)) throw new Error('page.js: unknown op ' + op);
  return ops[op](...args);
})
