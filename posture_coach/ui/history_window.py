"""The History window: today at a glance, the streak, adherence, charts, any day's entries.

It shows a :class:`~posture_coach.core.stats.History` (built by the app from the
journal) and answers with signals: :attr:`HistoryWindow.day_requested` (the app
answers with :meth:`HistoryWindow.show_day`), :attr:`export_requested` and
:attr:`delete_requested` (asked twice before it is sent).  It never reads the
journal itself.

The charts come a moment after the window: QtCharts (its types and their enums, a few
hundred milliseconds on a slow machine, and some megabytes the tray app does not keep
otherwise) is imported once the window has painted its figures and tables, so the
first open does not wait for it.  :attr:`HistoryWindow.charts_ready` says when they
are there; asking for a chart (``window.breaks_chart``) builds them at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, QLocale, QMargins, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.history_model import HistoryModel, HistoryView
from ..core.journal import Outcome
from ..core.psfs import PsfsSummary, change_text
from ..core.stats import RANGES, DayCounts, DayDetail, History
from .qdates import pydate, qdate

SERIES = (Outcome.DONE, Outcome.PARTIAL, Outcome.NATURAL, Outcome.SKIPPED, Outcome.SNOOZED)


class HistoryWindow(QWidget):
    """What was done, how often, and how the back felt."""

    day_requested = Signal(object)
    """A ``datetime.date`` whose entries the user wants to see."""
    export_requested = Signal(str, str)
    """(file path, "csv" or "json")."""
    delete_requested = Signal()
    """The user confirmed twice that all their data should be deleted."""
    charts_ready = Signal()
    """The charts are built and filled (a moment after the first paint)."""

    def __init__(self, history: History, tz: tzinfo, names: Mapping[str, str] | None = None,
                 evaluation: str | None = None, parent: QWidget | None = None,
                 psfs: PsfsSummary | None = None):
        super().__init__(parent)
        self.tz = tz
        self.psfs = psfs or PsfsSummary(())
        self._charts: dict[str, Any] | None = None  # built after the first paint
        self._charts_asked = False
        self.names = dict(names or {})
        self.history = history
        self.setWindowTitle(self.tr("History"))
        self.setAccessibleName(self.tr("History"))
        self.resize(900, 680)
        layout = QVBoxLayout(self)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setMargin(8)
        self.banner.setAccessibleDescription(self.tr("Time to get evaluated"))
        self.banner.setStyleSheet("QLabel { background: palette(alternate-base); }")
        layout.addWidget(self.banner)

        grid = QGridLayout()
        self.today_label = self._value_label(self.tr("Today"))
        self.streak_label = self._value_label(self.tr("Streak"))
        self.adherence_label = self._value_label(self.tr("Adherence"))
        self.thermal_label = self._value_label(self.tr("Ice and heat"))
        for row, (title, label) in enumerate((
                (self.tr("Today"), self.today_label), (self.tr("Streak"), self.streak_label),
                (self.tr("Adherence"), self.adherence_label),
                (self.tr("Ice and heat"), self.thermal_label))):
            caption = QLabel(f"<b>{title}</b>")
            caption.setBuddy(label)
            grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, row, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("History views"))
        self.tabs.tabBar().setAccessibleName(self.tr("History views"))
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._build_breaks_tab(), self.tr("&Breaks"))
        self.tabs.addTab(self._build_pain_tab(), self.tr("&Pain"))
        self.tabs.addTab(self._build_exercises_tab(), self.tr("E&xercises"))
        self.psfs_tab = self._build_psfs_tab()
        self.tabs.addTab(self.psfs_tab, self.tr("Ac&tivities"))
        self.day_tab = self._build_day_tab()
        self.tabs.addTab(self.day_tab, self.tr("&Day"))

        buttons = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleDescription(self.tr("Message"))
        buttons.addWidget(self.status, 1)
        self.export_button = QPushButton(self.tr("&Export…"))
        self.export_button.setAccessibleName(self.tr("Export the journal to a file"))
        self.export_button.clicked.connect(self.choose_export)
        self.delete_button = QPushButton(self.tr("Delete all my data…"))
        self.delete_button.setAccessibleName(self.tr("Delete all my data"))
        self.delete_button.setAccessibleDescription(
            self.tr("Deletes the journal, its backups and the logs from this computer. "
                    "Asks twice."))
        self.delete_button.clicked.connect(self.confirm_delete)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close the history"))
        self.close_button.clicked.connect(self.close)
        for button in (self.export_button, self.delete_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.set_history(history, evaluation)
        self.set_psfs(self.psfs)

    # ------------------------------------------------------------------ building
    def _value_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setAccessibleDescription(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                      | Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _build_breaks_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.range_box = QComboBox()
        self.range_box.setAccessibleName(self.tr("How many days to show"))
        for n in RANGES:
            self.range_box.addItem(self.tr("Last %n days", "", n), n)
        self.range_box.setCurrentIndex(1)
        self.range_box.currentIndexChanged.connect(self._fill_breaks)
        label = QLabel(self.tr("&Show:"))
        label.setBuddy(self.range_box)
        row.addWidget(label)
        row.addWidget(self.range_box)
        row.addStretch(1)
        self.day_edit = QDateEdit()
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setAccessibleName(self.tr("A day to open"))
        open_label = QLabel(self.tr("Open a da&y:"))
        open_label.setBuddy(self.day_edit)
        self.open_day_button = QPushButton(self.tr("&Open"))
        self.open_day_button.setAccessibleName(self.tr("Open the chosen day"))
        self.open_day_button.clicked.connect(
            lambda: self.day_requested.emit(pydate(self.day_edit.date())))
        row.addWidget(open_label)
        row.addWidget(self.day_edit)
        row.addWidget(self.open_day_button)
        layout.addLayout(row)
        self._breaks_slot = QVBoxLayout()  # the chart, once built
        self._breaks_slot.setContentsMargins(0, 0, 0, 0)
        holder = QWidget()
        holder.setMinimumHeight(220)
        holder.setLayout(self._breaks_slot)
        layout.addWidget(holder, 2)
        self.day_table = _DayTable(self)
        self.day_table.setColumnCount(6)
        self.day_table.setHorizontalHeaderLabels(
            [self.tr("Day"), self.tr("Taken"), self.tr("Planned"), self.tr("Skipped"),
             self.tr("Snoozed"), self.tr("Pain")])
        self.day_table.setAccessibleName(self.tr("Days; press Enter to open one"))
        self.day_table.opened.connect(self._open_row)
        layout.addWidget(self.day_table, 1)
        return page

    def _build_pain_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self._pain_slot = QVBoxLayout()  # the chart, once built
        self._pain_slot.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._pain_slot, 1)
        self.pain_summary = QLabel()
        self.pain_summary.setWordWrap(True)
        self.pain_summary.setAccessibleDescription(self.tr("Pain summary"))
        layout.addWidget(self.pain_summary)
        return page

    def _build_psfs_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.psfs_caption = QLabel(self.tr(
            "How well you can do the activities your physical therapist named, from 0 "
            "(unable) to 10 (as well as before the problem). Higher is better."))
        self.psfs_caption.setWordWrap(True)
        layout.addWidget(self.psfs_caption)
        self._psfs_slot = QVBoxLayout()  # the chart, once built
        self._psfs_slot.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._psfs_slot, 2)
        self.psfs_table = QTableWidget()
        self.psfs_table.setColumnCount(4)
        self.psfs_table.setHorizontalHeaderLabels(
            [self.tr("Activity"), self.tr("First"), self.tr("Latest"), self.tr("Change")])
        self.psfs_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.psfs_table.verticalHeader().hide()
        self.psfs_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.psfs_table.setAccessibleName(self.tr("Activity ratings: first, latest and "
                                                  "change"))
        layout.addWidget(self.psfs_table, 1)
        return page

    # ------------------------------------------------------------------ the charts
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._charts is None and not self._charts_asked:
            self._charts_asked = True
            QTimer.singleShot(0, self.build_charts)  # after this first frame

    def build_charts(self) -> dict[str, Any]:
        """Make the charts (importing QtCharts) and fill them; they are kept."""
        if self._charts is not None:
            return self._charts
        from PySide6.QtCharts import QChart, QChartView

        breaks_chart = QChart()
        breaks_chart.setMargins(QMargins(4, 4, 4, 4))
        breaks_chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        breaks_view = QChartView(breaks_chart)
        breaks_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        breaks_view.setMinimumHeight(220)
        breaks_view.setAccessibleName(self.tr("Breaks per day"))
        breaks_view.setAccessibleDescription(
            self.tr("A bar per day: breaks done, partly done, natural, skipped and "
                    "snoozed. Click a bar to open that day; the table below lists the "
                    "same days."))
        self._breaks_slot.addWidget(breaks_view)
        pain_chart = QChart()
        pain_chart.legend().hide()
        pain_chart.setMargins(QMargins(4, 4, 4, 4))
        pain_view = QChartView(pain_chart)
        pain_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        pain_view.setAccessibleName(self.tr("Pain over the last 90 days"))
        self._pain_slot.addWidget(pain_view)
        psfs_chart = QChart()
        psfs_chart.setMargins(QMargins(4, 4, 4, 4))
        psfs_chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        psfs_view = QChartView(psfs_chart)
        psfs_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        psfs_view.setMinimumHeight(220)
        psfs_view.setAccessibleName(self.tr("Activity ratings over time"))
        psfs_view.setAccessibleDescription(self.tr("A line per activity, 0 to 10; the "
                                                   "table below lists the same ratings."))
        self._psfs_slot.addWidget(psfs_view)
        self._charts = {"breaks_chart": breaks_chart, "breaks_view": breaks_view,
                        "pain_chart": pain_chart, "pain_view": pain_view,
                        "psfs_chart": psfs_chart, "psfs_view": psfs_view}
        self._fill_breaks_chart(self.shown_days())
        self._fill_pain_chart()
        self._fill_psfs_chart()
        self.charts_ready.emit()
        return self._charts

    @property
    def breaks_chart(self) -> Any:
        return self.build_charts()["breaks_chart"]

    @property
    def breaks_view(self) -> Any:
        return self.build_charts()["breaks_view"]

    @property
    def pain_chart(self) -> Any:
        return self.build_charts()["pain_chart"]

    @property
    def pain_view(self) -> Any:
        return self.build_charts()["pain_view"]

    @property
    def psfs_chart(self) -> Any:
        return self.build_charts()["psfs_chart"]

    @property
    def psfs_view(self) -> Any:
        return self.build_charts()["psfs_view"]

    def _build_exercises_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        caption = QLabel(self.tr("How often each exercise was done in the last 90 days:"))
        layout.addWidget(caption)
        self.exercise_table = QTableWidget()
        self.exercise_table.setColumnCount(2)
        self.exercise_table.setHorizontalHeaderLabels([self.tr("Exercise"), self.tr("Times")])
        self.exercise_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.exercise_table.verticalHeader().hide()
        self.exercise_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.exercise_table.setAccessibleName(self.tr("Exercises and how often they were "
                                                      "done"))
        caption.setBuddy(self.exercise_table)
        layout.addWidget(self.exercise_table)
        return page

    def _build_day_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.day_title = QLabel(self.tr("Open a day from the Breaks tab."))
        font = self.day_title.font()
        font.setBold(True)
        self.day_title.setFont(font)
        layout.addWidget(self.day_title)
        self.day_list = QListWidget()
        self.day_list.setWordWrap(True)
        self.day_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.day_list.setAccessibleName(self.tr("Entries of the day"))
        self.day_title.setBuddy(self.day_list)
        layout.addWidget(self.day_list, 1)
        return page

    # ------------------------------------------------------------------ the model
    def follow(self, model: HistoryModel) -> None:
        """Show what ``model`` holds after each change, until this window is closed (as
        napari's layer controls follow their layer).  A view the journal cannot give
        leaves the last one on screen."""
        self.unfollow()

        def changed() -> None:
            fresh = model.view()
            if fresh is not None:
                self.show_view(fresh)
        self._unfollow = model.subscribe(changed)

    def unfollow(self) -> None:
        getattr(self, "_unfollow", lambda: None)()
        self._unfollow = lambda: None

    def closeEvent(self, event: Any) -> None:
        self.unfollow()
        super().closeEvent(event)

    def show_view(self, view: HistoryView) -> None:
        self.set_history(view.history, view.evaluation)
        if view.psfs is not None:
            self.set_psfs(*view.psfs)

    # ------------------------------------------------------------------ filling
    def set_history(self, history: History, evaluation: str | None = None) -> None:
        self.history = history
        self.banner.setVisible(bool(evaluation))
        self.banner.setText(evaluation or "")
        t = history.today
        # "taken" as in the table's Taken column: done, partly done and natural together
        self.today_label.setText(self.tr(
            "%7 taken (%1 done, %2 partly done, %3 natural), %4 skipped, %5 snoozed; "
            "%6 planned so far").replace("%1", str(t.done)).replace("%2", str(t.partial))
            .replace("%3", str(t.natural)).replace("%4", str(t.skipped))
            .replace("%5", str(t.snoozed)).replace("%6", str(t.planned))
            .replace("%7", str(t.taken)))
        self.streak_label.setText(
            self.tr("Working days in a row meeting the daily goal (breaks taken ≥ %1): %n",
                    "", history.streak).replace("%1", str(history.goal)))
        a = history.adherence
        if a.percent is None:
            self.adherence_label.setText(self.tr("No breaks were planned in the last %n "
                                                 "days.", "", a.days))
        elif a.taken > a.planned:  # breaks taken by hand besides the planned ones
            self.adherence_label.setText(
                self.tr("100 % over the last %n days: %2 breaks taken in working hours, "
                        "more than the %3 planned", "", a.days)
                .replace("%2", str(a.taken)).replace("%3", str(a.planned)))
        else:
            self.adherence_label.setText(
                self.tr("%1 % over the last %n days: %2 of %3 planned breaks taken in "
                        "working hours", "", a.days).replace("%1", str(a.percent))
                .replace("%2", str(a.taken)).replace("%3", str(a.planned)))
        self.thermal_label.setText(
            self.tr("Sessions in the last 90 days: ice %1, heat %2")
            .replace("%1", str(history.ice)).replace("%2", str(history.heat)))
        self.day_edit.setMaximumDate(qdate(history.now.astimezone(self.tz).date()))
        self.day_edit.setDate(qdate(history.today.day))
        self._fill_breaks()
        self._fill_pain()
        self._fill_exercises()

    def shown_days(self) -> tuple[DayCounts, ...]:
        return self.history.last(int(self.range_box.currentData()))

    def _fill_breaks(self) -> None:
        days = self.shown_days()
        if self._charts is not None:
            self._fill_breaks_chart(days)
        self._fill_day_table(days)

    def _fill_breaks_chart(self, days: tuple[DayCounts, ...]) -> None:
        from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QStackedBarSeries, QValueAxis

        chart = self.breaks_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        series = QStackedBarSeries()
        names = {Outcome.DONE: self.tr("Done"), Outcome.PARTIAL: self.tr("Partly done"),
                 Outcome.NATURAL: self.tr("Natural"), Outcome.SKIPPED: self.tr("Skipped"),
                 Outcome.SNOOZED: self.tr("Snoozed")}
        for outcome in SERIES:
            bar = QBarSet(names[outcome])
            bar.append([float(getattr(d, outcome.value)) for d in days])
            bar.clicked.connect(lambda index, ds=days: self.day_requested.emit(ds[index].day))
            series.append(bar)
        series.setBarWidth(0.8)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([self._short_day(d.day, len(days)) for d in days])
        if len(days) > 31:
            axis_x.setLabelsVisible(False)
            axis_x.setTitleText(self.tr("%1 to %2").replace("%1", days[0].day.isoformat())
                                .replace("%2", days[-1].day.isoformat()))
        elif len(days) > 7:
            axis_x.setLabelsAngle(-90)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        top = max([d.done + d.partial + d.natural + d.skipped + d.snoozed for d in days]
                  + [d.planned for d in days] + [4])
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 1000) if top / s <= 8)
        top = -(-top // step) * step
        axis_y.setRange(0, top)
        axis_y.setLabelFormat("%d")
        axis_y.setTickCount(top // step + 1)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        self._follow_theme(chart)

    def _fill_day_table(self, days: tuple[DayCounts, ...]) -> None:
        pain = {p.day: p for p in self.history.pain}
        locale = QLocale()
        table = self.day_table
        table.setRowCount(len(days))
        for row, d in enumerate(reversed(days)):
            p = pain.get(d.day)
            values = [locale.toString(qdate(d.day), "ddd yyyy-MM-dd"), str(d.taken),
                      str(d.planned), str(d.skipped), str(d.snoozed),
                      "" if p is None else f"{p.mean:.1f}"]
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, d.day)
                table.setItem(row, col, item)

    def _follow_theme(self, chart: Any) -> None:
        """The chart in the window's colours (Qt Charts paints white whatever the theme):
        its background, legend, axis labels, lines and grid."""
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = QColor(text)
        grid.setAlphaF(0.25)
        chart.setBackgroundBrush(palette.brush(QPalette.ColorRole.Window))
        chart.setPlotAreaBackgroundVisible(False)
        chart.setTitleBrush(text)
        chart.legend().setLabelColor(text)
        for axis in chart.axes():
            axis.setLabelsColor(text)
            axis.setTitleBrush(text)
            axis.setLinePenColor(text)
            axis.setGridLineColor(grid)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        charts = getattr(self, "_charts", None)  # only once built (QtCharts loads late)
        if event.type() == QEvent.Type.PaletteChange and charts:
            for name in ("breaks_chart", "pain_chart", "psfs_chart"):
                self._follow_theme(charts[name])

    @staticmethod
    def _short_day(day: date, count: int) -> str:
        return QLocale().toString(qdate(day), "ddd d" if count <= 7 else "MM-dd")

    def _fill_pain(self) -> None:
        if self._charts is not None:
            self._fill_pain_chart()
        if self.history.pain:
            latest = self.history.pain[-1]
            self.pain_summary.setText(
                self.tr("Days with a rating in the last 90 days: %n; latest: %1 on %2", "",
                        len(self.history.pain)).replace("%1", f"{latest.mean:.1f}")
                .replace("%2", latest.day.isoformat()))
        else:
            self.pain_summary.setText(self.tr("No pain ratings in the last 90 days. Use "
                                              "\"Log my pain now\" in the tray menu."))

    def _fill_pain_chart(self) -> None:
        from PySide6.QtCharts import QDateTimeAxis, QLineSeries, QValueAxis

        chart = self.pain_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        line = QLineSeries()
        line.setName(self.tr("Pain (0-10), daily average"))
        line.setPointsVisible(True)
        for p in self.history.pain:
            moment = datetime.combine(p.day, time(12), tzinfo=self.tz)
            line.append(float(moment.timestamp() * 1000), p.mean)
        chart.addSeries(line)
        axis_x = QDateTimeAxis()
        axis_x.setFormat("MM-dd")
        first = self.history.days[0].day
        start = datetime.combine(first, time(0), tzinfo=self.tz)
        end = datetime.combine(self.history.today.day, time(23, 59), tzinfo=self.tz)
        axis_x.setRange(QDateTime.fromMSecsSinceEpoch(int(start.timestamp() * 1000)),
                        QDateTime.fromMSecsSinceEpoch(int(end.timestamp() * 1000)))
        axis_x.setTickCount(7)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        line.attachAxis(axis_x)
        axis_y = QValueAxis()
        axis_y.setRange(0, 10)
        axis_y.setTickCount(6)
        axis_y.setLabelFormat("%d")
        axis_y.setTitleText(self.tr("Pain"))
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        line.attachAxis(axis_y)
        self._follow_theme(chart)

    def set_psfs(self, summary: PsfsSummary, asked: bool = False) -> None:
        """The activity ratings (the tab is shown when there are some, or ``asked``: the
        program names activities)."""
        self.psfs = summary
        self.tabs.setTabVisible(self.tabs.indexOf(self.psfs_tab), bool(summary) or asked)
        table = self.psfs_table
        table.setRowCount(len(summary.activities))
        for row, a in enumerate(summary.activities):
            values = (a.activity, f"{a.first} ({self._day(a.first_at)})",
                      f"{a.latest} ({self._day(a.latest_at)})", change_text(a.change))
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, col, item)
        if self._charts is not None:
            self._fill_psfs_chart()

    def _day(self, when: datetime) -> str:
        return when.astimezone(self.tz).date().isoformat()

    def _fill_psfs_chart(self) -> None:
        from PySide6.QtCharts import QDateTimeAxis, QLineSeries, QValueAxis

        chart = self.psfs_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        moments = [at for a in self.psfs.activities for at, _r in a.points]
        axis_x = QDateTimeAxis()
        axis_x.setFormat("MM-dd")
        if moments:
            first, last = min(moments), max(moments)
            if last - first < timedelta(days=7):
                last = first + timedelta(days=7)
            axis_x.setRange(QDateTime.fromMSecsSinceEpoch(int(first.timestamp() * 1000)),
                            QDateTime.fromMSecsSinceEpoch(int(last.timestamp() * 1000)))
        axis_x.setTickCount(6)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        axis_y = QValueAxis()
        axis_y.setRange(0, 10)
        axis_y.setTickCount(6)
        axis_y.setLabelFormat("%d")
        axis_y.setTitleText(self.tr("Rating (0-10)"))
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for a in self.psfs.activities:
            line = QLineSeries()
            line.setName(a.activity)
            line.setPointsVisible(True)
            for at, rating in a.points:
                line.append(float(at.timestamp() * 1000), float(rating))
            chart.addSeries(line)
            line.attachAxis(axis_x)
            line.attachAxis(axis_y)
        self._follow_theme(chart)

    def _fill_exercises(self) -> None:
        table = self.exercise_table
        table.setRowCount(len(self.history.exercises))
        for row, (exercise_id, count) in enumerate(self.history.exercises):
            table.setItem(row, 0, QTableWidgetItem(self.names.get(exercise_id, exercise_id)))
            item = QTableWidgetItem(str(count))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, 1, item)

    # ------------------------------------------------------------------ a day
    def _open_row(self, row: int) -> None:
        item = self.day_table.item(row, 0)
        if item is not None:
            self.day_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def _time(self, when: datetime) -> str:
        return when.astimezone(self.tz).strftime("%H:%M")

    def show_day(self, detail: DayDetail) -> None:
        """Show everything recorded on one day, in time order, in the Day tab."""
        outcomes = {Outcome.DONE: self.tr("done"), Outcome.PARTIAL: self.tr("partly done"),
                    Outcome.NATURAL: self.tr("natural break (away from the computer)"),
                    Outcome.SKIPPED: self.tr("skipped"), Outcome.SNOOZED: self.tr("snoozed")}
        # (when, then, text): a rating given at a break's end comes right after that
        # break, even when it was saved a moment before the break's own record
        entries: list[tuple[datetime, int, str]] = []
        ended = {b.id: b.ended_at for b in detail.breaks}
        for b in detail.breaks:
            if b.outcome is Outcome.NATURAL:
                entries.append((b.ended_at, 0, self.tr("%1 Natural break (away from the "
                                                       "computer)").replace(
                    "%1", self._time(b.ended_at))))
                continue
            routine = (self.names.get(b.routine_id, b.routine_id) if b.routine_id
                       else self.tr("Break away from the computer"))
            done = [self.names.get(s.exercise_id, s.exercise_id) for s in b.steps
                    if s.status.value == "done"]
            if not b.steps:
                text = self.tr("%1 %2: %3")
            elif not done:
                text = self.tr("%1 %2: %3 — %4 of %5 exercises done")
            else:
                text = self.tr("%1 %2: %3 — %4 of %5 exercises done (%6)")
            text = text.replace("%1", self._time(b.ended_at)).replace("%2", routine) \
                .replace("%3", outcomes[b.outcome]).replace("%4", str(len(done))) \
                .replace("%5", str(len(b.steps))).replace("%6", self.tr(", ").join(done))
            entries.append((b.ended_at, 0, text))
        for p in detail.pain:
            text = self.tr("%1 Pain %2/10").replace("%1", self._time(p.at)) \
                .replace("%2", str(p.rating))
            if p.sleep:
                text += " · " + self.tr("gets in the way of sleep")
            if p.work:
                text += " · " + self.tr("gets in the way of work")
            if p.note:
                text += f" — “{p.note}”"
            after = ended.get(p.break_id) if p.break_id is not None else None
            entries.append((after, 1, text) if after is not None else (p.at, 0, text))
        for t in detail.thermal:
            mode = self.tr("Ice") if t.mode == "ice" else self.tr("Heat")
            minutes = max(0, round((t.ended_at - t.started_at).total_seconds() / 60))
            text = (self.tr("%1 %2 for %3 min") if t.completed
                    else self.tr("%1 %2 for %3 min (stopped early)"))
            text = text.replace("%1", self._time(t.started_at)).replace("%2", mode) \
                .replace("%3", str(minutes))
            entries.append((t.started_at, 0, text))
        for pause in detail.pauses:
            end = pause.ended_at or pause.until
            if end is None:
                text = self.tr("%1 Breaks paused")
            else:
                text = self.tr("%1 Breaks paused until %2").replace("%2", self._time(end))
            entries.append((pause.started_at, 0,
                            text.replace("%1", self._time(pause.started_at))))
        self.day_title.setText(QLocale().toString(qdate(detail.day), "dddd yyyy-MM-dd"))
        self.day_list.clear()
        if not entries:
            self.day_list.addItem(self.tr("Nothing was recorded on this day."))
        for _when, _then, text in sorted(entries, key=lambda e: (e[0], e[1])):
            self.day_list.addItem(text)
        self.tabs.setCurrentWidget(self.day_tab)

    # ------------------------------------------------------------------ actions
    def show_message(self, text: str) -> None:
        self.status.setText(text)

    def choose_export(self) -> None:
        today = self.history.today.day.isoformat()
        csv_filter, json_filter = self.tr("CSV for spreadsheets (*.csv)"), \
            self.tr("JSON, can be imported again (*.json)")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export the journal"), f"posture-coach-{today}.csv",
            f"{csv_filter};;{json_filter}")
        if not path:
            return
        fmt = "json" if path.lower().endswith(".json") or chosen == json_filter else "csv"
        self.export_requested.emit(path, fmt)

    def ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def confirm_delete(self) -> None:
        """Ask twice; only then send :attr:`delete_requested`."""
        if not self.ask(self.tr("Delete all my data?"),
                        self.tr("This deletes your journal (every break, pain rating and "
                                "ice/heat session), its backups and the log files from this "
                                "computer. Exports you saved elsewhere are kept. Continue?")):
            return
        if not self.ask(self.tr("Really delete everything?"),
                        self.tr("This cannot be undone. Delete all your data now?")):
            return
        self.delete_requested.emit()


class _DayTable(QTableWidget):
    """The days, newest first; Enter or a double click opens one."""

    opened = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.cellDoubleClicked.connect(lambda row, _col: self.opened.emit(row))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.opened.emit(self.currentRow())
            return
        super().keyPressEvent(event)
