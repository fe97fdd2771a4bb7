"""Accessibility statement: what conforms to WCAG 2.1/2.2 AA and what does not yet."""

from canvas.ui import accessibility_page

accessibility_page.render()
