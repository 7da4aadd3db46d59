"""Checks of a rendered page that axe-core cannot judge (WCAG 2.2), shared by the walk and the WCAG 2.2 tests.

Each function takes a Playwright page and returns a list of readable findings: empty when the page passes."""

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# Interactive elements a pointer can hit (the targets of WCAG 2.5.8).
TARGETS = (
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], "
    "[tabindex]:not([tabindex='-1'])"
)

_DESCRIBE = """const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + ' “' + (el.innerText || el.value || el.name || el.getAttribute('aria-label') || '').trim().slice(0, 40) + '”';"""

_OVERFLOW = (
    """() => {
    """
    + _DESCRIBE
    + """
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    // Name the widest culprits (the innermost elements reaching past the right edge) to make a failure useful.
    const wide = [...document.querySelectorAll('body *')].filter(el => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > width + 1
            && ![...el.children].some(c => c.getBoundingClientRect().right > width + 1);
    });
    return ['scrollWidth ' + document.documentElement.scrollWidth + ' > ' + width + ': '
            + wide.slice(0, 5).map(describe).join(', ')];
}"""
)

_TARGET_SIZE = (
    """(selector) => {
    """
    + _DESCRIBE
    + """
    const shown = el => {
        const r = el.getBoundingClientRect(), s = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && r.bottom + scrollY > 0
            && !el.closest('[aria-hidden=true], .visually-hidden, .visually-hidden-focusable');
    };
    // WCAG 2.5.8's inline exception: a link inside a sentence takes the line height of the text around it.
    const inline = el => {
        if (getComputedStyle(el).display !== 'inline') return false;
        let block = el.parentElement;
        while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
        return block && block.innerText.trim().length > el.innerText.trim().length + 2;
    };
    const targets = [...document.querySelectorAll(selector)].filter(shown).filter(el => !inline(el)).map(el => {
        const r = el.getBoundingClientRect();
        return {el, left: r.left + scrollX, right: r.right + scrollX, top: r.top + scrollY, bottom: r.bottom + scrollY,
                cx: r.left + scrollX + r.width / 2, cy: r.top + scrollY + r.height / 2,
                small: r.width < 23.5 || r.height < 23.5};
    });
    const related = (a, b) => a.el.contains(b.el) || b.el.contains(a.el);
    const distance = (t, box) => Math.hypot(Math.max(box.left - t.cx, 0, t.cx - box.right),
                                            Math.max(box.top - t.cy, 0, t.cy - box.bottom));
    const findings = [];
    for (const t of targets.filter(t => t.small)) {
        // The spacing exception: a 24 px circle on the target's centre touches no other target nor its circle.
        const crowded = targets.find(o => o !== t && !related(o, t)
            && (distance(t, o) < 12 || (o.small && Math.hypot(o.cx - t.cx, o.cy - t.cy) < 24)));
        if (crowded) findings.push(describe(t.el) + ' is ' + Math.round(t.right - t.left) + '×'
            + Math.round(t.bottom - t.top) + ' px, next to ' + describe(crowded.el));
    }
    return findings;
}"""
)

_OBSCURED = (
    """() => {
    """
    + _DESCRIBE
    + """
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return null;
    const pinned = node => {
        for (; node && node !== document.documentElement; node = node.parentElement) {
            const position = getComputedStyle(node).position;
            if (position === 'fixed' || position === 'sticky') return true;
        }
        return false;
    };
    const inset = Math.min(2, r.width / 4, r.height / 4);
    const points = [[r.left + r.width / 2, r.top + r.height / 2], [r.left + inset, r.top + inset],
                    [r.right - inset, r.top + inset], [r.left + inset, r.bottom - inset],
                    [r.right - inset, r.bottom - inset]];
    const hidden = points.every(([x, y]) => {
        if (y < 0 || y > innerHeight || x < 0 || x > innerWidth) return true;
        const top = document.elementFromPoint(x, y);
        return top && top !== el && !el.contains(top) && !top.contains(el) && pinned(top);
    });
    const cover = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) || document.body;
    return hidden ? describe(el) + ' is hidden under ' + describe(cover) : '';
}"""
)


def horizontal_overflow(page) -> list[str]:
    """WCAG 1.4.10 (reflow): the page needs no sideways scrolling at its current width."""
    return page.evaluate(_OVERFLOW)


def small_targets(page) -> list[str]:
    """WCAG 2.5.8: every pointer target is at least 24×24 CSS px, inline in a sentence, or spaced apart."""
    return page.evaluate(_TARGET_SIZE, TARGETS)


def focus_hidden_while_tabbing(page, limit: int = 200) -> tuple[int, list[str]]:
    """WCAG 2.4.11: Tab through the page from the top; no focused element ends entirely under a fixed or
    sticky element (a sticky header needs ``scroll-padding-top``). Returns (focus moves, findings)."""
    # Bootstrap scrolls smoothly unless motion is reduced; the check looks where the focus ends, not on the way.
    page.emulate_media(reduced_motion="reduce")
    page.evaluate("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    findings, focused = [], 0
    # Forwards, then backwards: going up, the browser scrolls each element to the top edge, under a pinned header.
    for key in ("Tab", "Shift+Tab"):
        for _ in range(limit):
            page.keyboard.press(key)
            finding = page.evaluate(_OBSCURED)
            if finding is None:  # focus left the document (past the last or first element)
                break
            focused += 1
            if finding:
                findings.append(finding)
    return focused, findings


def draggable_only(page) -> list[str]:
    """WCAG 2.5.7: nothing is made draggable by the portal unless the same list offers buttons to move items."""
    return page.eval_on_selector_all(
        "[draggable=true]",
        "els => els.filter(el => !el.closest('[data-move-buttons]')).map(el => el.outerHTML.slice(0, 80))",
    )


def help_links(page) -> list[str]:
    """WCAG 3.2.6: the help and contact links of the footer, in their order (compared between pages)."""
    return page.eval_on_selector_all("footer.site-footer nav a", "els => els.map(a => a.getAttribute('href'))")
