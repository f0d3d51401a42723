# threadlab: `make lab` opens the course, `make test` runs every check. Both set themselves up first.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: setup system lab test build check clean

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	mkdir -p exchange && chmod 0777 exchange  # nbgrader's exchange (Exchange.root in nbgrader_config.py)
	touch $@

# Debian packages the grader's sandbox needs (installed when missing and we are root).
system:
	@sh tools/install-system-packages.sh

lab: setup
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks

test: setup system
	$(VENV)/bin/pytest -n auto --dist loadgroup

build: setup
	$(PY) -m threadlab.build

check: setup
	$(PY) -m threadlab.check $(NB)

clean:
	$(PY) -m threadlab.clean source/*/*.ipynb
