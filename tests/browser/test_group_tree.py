"""The group tree (/groupe/) on a 360-px phone: its branches fold and unfold without script,
from the keyboard too; each branch's count is the number of entities it lists; unfolded to
the last level, the page still does not scroll sideways."""
from __future__ import annotations

from pathlib import Path

from browsing import csp_violations, visit
from test_layout import OVERFLOWING

from scripts.load import load_data
from scripts.tools.stats import group_map

REPO = Path(__file__).resolve().parents[2]

# For each fold: the number its summary shows, and the different entities its list links to
# (the "voir plus haut" links point into the page, not to an entity).
COUNTS = """() => [...document.querySelectorAll('.lp-tree details.lp-fold')].map(fold => {
  const shown = Number(fold.querySelector(':scope > summary').textContent.replace(/\\D/g, ''));
  const listed = new Set([...fold.querySelectorAll(':scope > ul a, :scope > div > ul a')]
    .map(a => a.getAttribute('href')).filter(href => !href.startsWith('#')));
  return [fold.parentElement.id, shown, listed.size];
})"""


def test_the_tree_folds_and_unfolds_from_the_keyboard(phone, base_url):
    visit(phone, base_url, "/groupe/")
    folds = phone.locator(".lp-tree details.lp-fold")
    assert folds.count() > 5
    opened = folds.evaluate_all("fs => fs.map(f => f.open)")
    assert opened[0] and not all(opened), "the first levels come unfolded, the deeper ones folded"
    folded = phone.locator(".lp-tree details.lp-fold:not([open])").first.evaluate("f => f.parentElement.id")
    branch = phone.locator(f"#{folded} > details.lp-fold")
    summary, first_entry = branch.locator(":scope > summary"), branch.locator("li").first
    assert not first_entry.is_visible()
    summary.focus()
    phone.keyboard.press("Enter")
    assert branch.evaluate("f => f.open") and first_entry.is_visible()
    assert summary.evaluate("s => s === document.activeElement")
    phone.keyboard.press("Space")
    assert not branch.evaluate("f => f.open") and not first_entry.is_visible()
    assert csp_violations(phone) == [] and phone.console_errors == []


def test_each_branch_counts_the_entities_it_lists(phone, base_url):
    visit(phone, base_url, "/groupe/")
    counts = phone.evaluate(COUNTS)
    assert counts and all(shown == listed for _, shown, listed in counts), \
        [count for count in counts if count[1] != count[2]]
    # The group's own branch lists every entity owned through a chain up to it.
    under_group = dict(group_map(load_data(REPO / "data")))["entities under the group"]
    assert ["arbre--la-poste", under_group, under_group] in counts


def test_the_tree_unfolded_does_not_scroll_sideways_on_a_phone(phone, base_url):
    visit(phone, base_url, "/groupe/")
    phone.evaluate("document.querySelectorAll('details.lp-fold').forEach(f => f.open = true)")
    phone.evaluate("document.querySelectorAll('.lp-lazy').forEach(e => e.style.contentVisibility = 'visible')")
    deepest = phone.evaluate("""Math.max(...[...document.querySelectorAll('.lp-tree li')].map(li => {
      let levels = 0;
      for (let e = li; (e = e.parentElement && e.parentElement.closest('ul.lp-tree')); ) levels++;
      return levels;
    }))""")
    assert deepest >= 3
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide: {phone.evaluate(OVERFLOWING)}"
    assert phone.evaluate(OVERFLOWING) == []
