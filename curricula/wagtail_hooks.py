"""How the catalog plugs into the core: demo content for `seed_demo`."""

from wagtail import hooks

from .demo import catalog_demo_seed


@hooks.register("register_demo_content")
def register_catalog_demo(home):
    return catalog_demo_seed(home=home)
