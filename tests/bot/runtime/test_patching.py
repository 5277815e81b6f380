"""patch_once: one replacement however often it is installed, static methods stay static."""

from bot.runtime.patching import is_patched, original, patch_once


class Base:
    @staticmethod
    def render(value):
        return f"<{value}>"

    def greet(self):
        return "hei"


class Child(Base):
    pass


def test_a_wrapper_is_applied_once_and_the_original_is_kept():
    class Owner(Base):
        pass

    def louder(greet):
        return lambda self: greet(self).upper() + "!"

    patch_once(Owner, "greet", louder, wraps=True)
    patch_once(Owner, "greet", louder, wraps=True)
    assert Owner().greet() == "HEI!"
    assert original(Owner, "greet")(Owner()) == "hei"
    assert is_patched(Owner, "greet") and not is_patched(Base, "greet")
    assert Base().greet() == "hei"


def test_an_inherited_static_method_stays_static():
    patch_once(Child, "render", lambda render: lambda value: render(value) * 2, wraps=True)
    assert Child.render(1) == "<1><1>"
    assert Child().render(2) == "<2><2>"
    assert Base.render(3) == "<3>"


def test_a_plain_replacement_needs_no_original():
    class Owner:
        def value(self):
            return 1

    patch_once(Owner, "value", lambda self: 2)
    patch_once(Owner, "value", lambda self: 3)
    assert Owner().value() == 2
    assert original(Owner, "value")(Owner()) == 1
