#!/usr/bin/env python
from alliantie.cli import main

if __name__ == "__main__":
    main()
