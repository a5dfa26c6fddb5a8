"""The desktop app (Qt Widgets): the only package that imports PySide6.

Entry point: ``newsreader.ui.app.run``. Modules, each owning one part of the window:
``app`` (start-up), ``window`` (main window, menus, shortcuts), ``reader`` (list,
search and article kept in step), ``listmodel``/``listview`` (the headline list),
``article``/``articleview`` (the article pane), ``searchbar``, ``searchflow`` (when
to search), ``workers`` (threads),
``importflow`` (import dialogs), ``welcome``, ``settings``, ``errors``, ``i18n``,
``typography``, ``compat`` (work-arounds for the Qt binding, applied on import).
"""

from newsreader.ui.compat import protect_none_refcount

protect_none_refcount()
