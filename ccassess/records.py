"""Dataclasses whose methods are written once instead of generated for every class.

Python 3.11's `@dataclass` compiles each generated method (`__init__`, `__repr__`, `__eq__`,
`__hash__`, and `__setattr__`/`__delattr__` when frozen) from source while the class is
created: about 1 ms per class on every start-up, more than reading the cached modules. The
classes every command imports (the model, the registry) are declared with `record` instead:
they stay dataclasses (`dataclasses.fields`, `replace`, `asdict` and `__match_args__` work,
and `__dataclass_params__` says what `@dataclass(frozen=...)` would) but take equality, hash,
repr and frozenness from `Record`/`FrozenRecord`, which behave as the generated methods do,
and write the `__init__` that dataclasses would write (`FACTORY` stands for a default
factory). tests/test_module_cache.py compares them with real dataclasses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import FrozenInstanceError, dataclass, fields
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any, ClassVar, TypeVar


class _Factory:
    """The default of a field with a default factory (shown as `<factory>`, as dataclasses do)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory>"


#: The default of a parameter whose field has a default factory.
FACTORY: Any = _Factory()
#: How the `__init__` of a frozen record sets its fields (as the generated one does).
set_field = object.__setattr__


class Record:
    """Equality, hash and repr as `@dataclass` generates them, for every record alike."""

    __slots__ = ()
    #: The compared fields' values of an instance, as a tuple (set by `record`).
    _compared: ClassVar[Callable[[Any], tuple]]
    #: The fields the repr shows (set by `record`).
    _shown: ClassVar[tuple[str, ...]]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._compared(self) == self._compared(other)
        return NotImplemented

    def __hash__(self) -> int:  # frozen records; `record` sets None for mutable ones
        return hash(self._compared(self))

    @recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{self.__class__.__qualname__}({shown})"


class FrozenRecord(Record):
    """A record whose fields cannot be assigned or deleted (`@dataclass(frozen=True)`)."""

    __slots__ = ()
    #: The field names (set by `record`).
    _fields: ClassVar[frozenset[str]]

    def __setattr__(self, name: str, value: Any) -> None:
        if "_fields" in type(self).__dict__ or name in self._fields:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        if "_fields" in type(self).__dict__ or name in self._fields:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super().__delattr__(name)


_R = TypeVar("_R", bound=type[Record])


def record(cls: _R) -> _R:
    """Declare a `Record` (mutable) or `FrozenRecord` subclass with its own `__init__` as a
    dataclass, as `@dataclass` or `@dataclass(frozen=True)` would."""
    frozen = issubclass(cls, FrozenRecord)
    if "__init__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} must write its __init__")
    cls.__init__.__annotations__["return"] = None  # as generated (a doc strips " -> None")
    cls = dataclass(init=False, repr=False, eq=False)(cls)
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    params.init = params.repr = params.eq = True
    params.frozen = frozen
    declared = fields(cls)
    compared = [f.name for f in declared if f.compare]
    if len(compared) >= 2:
        cls._compared = attrgetter(*compared)  # type: ignore[misc]
    else:  # attrgetter gives a single value, not a tuple, for one name
        get = attrgetter(*compared) if compared else None
        cls._compared = staticmethod(lambda obj: (get(obj),) if get else ())  # type: ignore[misc]
    cls._shown = tuple(f.name for f in declared if f.repr)
    if frozen:
        cls._fields = frozenset(f.name for f in declared)  # type: ignore[attr-defined]
    else:
        cls.__hash__ = None  # type: ignore[assignment]  # mutable and compared: unhashable
    return cls
