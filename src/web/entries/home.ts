/** The home page: each roadmap card shows this browser's (or the account's) progress. */
import { HomeProgressIsland } from '../islands/home-progress.js';
import { NextTopicsIsland } from '../islands/next-topics.js';
import { startPage } from './start-page.js';

startPage([HomeProgressIsland, NextTopicsIsland]);
