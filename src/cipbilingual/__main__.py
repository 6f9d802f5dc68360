"""`python -m cipbilingual` is the same as the `cipbilingual` command."""

from cipbilingual.cli import main

main()
