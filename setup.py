"Packaging for tsai_ibgan: reads settings.ini (nbdev 2 layout)."
from configparser import ConfigParser
import setuptools

def _version(v: str) -> tuple:
    "'3.11' -> (3, 11); avoids pkg_resources, which setuptools 81+ no longer ships."
    return tuple(int(p) for p in v.split('.'))

cfg = ConfigParser(delimiters=['='])
cfg.read('settings.ini', encoding='utf-8')
cfg = cfg['DEFAULT']
for key in 'version description keywords author author_email license min_python lib_name user'.split():
    assert key in cfg, f'settings.ini is missing {key}'

licenses = {'apache2': ('Apache Software License 2.0', 'OSI Approved :: Apache Software License')}
statuses = ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable', '6 - Mature', '7 - Inactive']
py_versions = ['3.10', '3.11', '3.12', '3.13']
min_python = cfg['min_python']
lic = licenses.get(cfg['license'].lower(), (cfg['license'], None))

requirements = cfg.get('requirements', '').split()
dev_requirements = cfg.get('dev_requirements', '').split()
dask_requirements = cfg.get('dask_requirements', '').split()
saits_requirements = cfg.get('saits_requirements', '').split() # PyPOTS's SAITS, the two-stage anchor for data with gaps (heavy: not in dev)
console_scripts = cfg.get('console_scripts', '').split()

setuptools.setup(
    name=cfg['lib_name'],
    version=cfg['version'],
    description=cfg['description'],
    long_description=open('README.md', encoding='utf-8').read(),
    long_description_content_type='text/markdown',
    url=cfg['git_url'],
    author=cfg['author'],
    author_email=cfg['author_email'],
    license=lic[0],
    keywords=cfg['keywords'],
    classifiers=[
        'Development Status :: ' + statuses[int(cfg['status'])],
        'Intended Audience :: ' + cfg['audience'].title(),
        'Natural Language :: ' + cfg['language'].title(),
    ] + [f'Programming Language :: Python :: {v}' for v in py_versions
         if _version(v) >= _version(min_python)]
      + ([f'License :: {lic[1]}'] if lic[1] else []),
    packages=setuptools.find_packages(include=['tsai_ibgan', 'tsai_ibgan.*']),
    package_data={'tsai_ibgan': ['datasets/*.ts.gz']},
    include_package_data=True,
    install_requires=requirements,
    extras_require={'dev': dev_requirements + dask_requirements, 'dask': dask_requirements, 'saits': saits_requirements}, # the tests cover the Dask path too
    python_requires='>=' + min_python,
    zip_safe=False,
    entry_points={
        'console_scripts': console_scripts,
        'nbdev': [f"{cfg['lib_name']}={cfg['lib_name']}._modidx:d"],
    },
)
