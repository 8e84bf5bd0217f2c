"""What every record kind must say about itself: the spec the rest of the code loops over.

A kind module (kinds/<name>.py) subclasses `Kind`, sets the declared attributes and implements every
abstract method; tests/test_kinds.py proves each kind implements the whole spec. Adding a kind means
adding one module (plus its model, page template and fixtures) and one line in kinds/__init__.py."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from ..models.common import Record
from ..vocab import Stage

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..content import Entry
    from .parts import Facet, Linker, Table

# A reference from one kind to another: a path into the record ("*" walks a list) → target kind.
Reference = tuple[tuple[str, ...], str]


@dataclass
class Related:
    """A record's relations, both directions, ready for its page template."""

    base: Entry | None = None
    experts: list[Entry] = field(default_factory=list)
    courses: list[Entry] = field(default_factory=list)
    bases: list[Entry] = field(default_factory=list)
    competitions: list[Entry] = field(default_factory=list)
    topics: list[tuple[Entry, Any]] = field(default_factory=list)
    speakers: dict[str, Entry] = field(default_factory=dict)


@dataclass
class FacetValues:
    """What one list row carries for the browser's filters."""

    values: dict[str, list[Any]]  # facet key → values, in the row's attribute order
    date: dt.date | None  # the date the list sorts by (None: the row has none)
    windows: list[tuple[dt.date, dt.date]] = field(default_factory=list)  # date spans (status)
    point: tuple[float, float] | None = None  # for distance sorting


class Kind(ABC):
    """A record kind. Class attributes are declared here and set by every kind."""

    name: ClassVar[str]  # in commands and schema file names: topic_list
    folder: ClassVar[str]  # content/<folder>/ and the URL segment: topic-lists
    label: ClassVar[str]  # what users read: 主题清单
    model: ClassVar[type[Record]]
    intro: ClassVar[str]  # one sentence under the list's title and on the home page
    list_headers: ClassVar[tuple[str, ...]]  # the list's column headers, the title column first
    facets: ClassVar[tuple[Facet, ...]]  # the list's filters, in display order
    date_sort: ClassVar[str]  # what the list's date sort is called
    tables: ClassVar[tuple[Table, ...]]  # the open-data tables this kind owns
    # The facts a teacher needs, in the order a teacher asks (when, how to book, for whom, cost…):
    # (Chinese name, whether a record has it on a given day). `build.py gaps` lists what is missing.
    teacher_facts: ClassVar[tuple[tuple[str, Callable[[Any, dt.date], bool]], ...]]
    references: ClassVar[tuple[Reference, ...]] = ()
    flyer: ClassVar[bool] = False  # printed as a one-page flyer with a QR code
    distance_sort: ClassVar[bool] = False  # the list can be sorted by distance
    personal: ClassVar[bool] = False  # records describe a person (stricter privacy checks)

    # -- addresses -------------------------------------------------------------------------
    def record_url(self, id_: str) -> str:
        return f"{self.folder}/{id_}/"

    def list_url(self) -> str:
        return f"{self.folder}/"

    @property
    def template(self) -> str:
        return f"{self.name}.html"

    # -- the spec ----------------------------------------------------------------------------
    @abstractmethod
    def publishable(self, model: Any) -> bool:
        """Whether a valid record may be published (an expert needs consent)."""

    @abstractmethod
    def rules(self, model: Any) -> Iterator[tuple[tuple, str]]:
        """Policy warnings for one record: (path in the record, message)."""

    @abstractmethod
    def description(self, model: Any) -> str:
        """The page's meta description (plain text)."""

    @abstractmethod
    def stages(self, model: Any) -> list[Stage]:
        """The school stages a record serves."""

    @abstractmethod
    def regions(self, model: Any) -> list[str]:
        """The division codes a record is in or serves."""

    @abstractmethod
    def related(self, catalogue: Catalogue, entry: Entry) -> Related:
        """The records its page shows."""

    @abstractmethod
    def list_cells(self, model: Any) -> list[str]:
        """One list row's cells under `list_headers`."""

    @abstractmethod
    def facet_values(self, entry: Entry) -> FacetValues:
        """What the list row carries for the filters."""

    @abstractmethod
    def jsonld(self, entry: Entry, link: Linker) -> dict[str, Any]:
        """The schema.org node of the record page."""

    @abstractmethod
    def search_keywords(self, entry: Entry, catalogue: Catalogue) -> Iterable[Any]:
        """Words the header search matches besides the title, summary, fields, regions, stages and
        address (a record's `address`, ranked below its region)."""

    @abstractmethod
    def search_summary(self, model: Any) -> str:
        """The line shown under a search result."""

    @abstractmethod
    def app_record(self, entry: Entry, catalogue: Catalogue) -> dict[str, Any]:
        """The kind's own keys in the browser tools' record shards (app/), after the shared ones
        (render/appdata.APP_KEYS documents every key)."""


def grades_stages(model: Any) -> list[Stage]:
    grades = getattr(model, "grades", None)
    return grades.derived_stages() if grades else []
