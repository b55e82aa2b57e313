// Generated from the API's OpenAPI document by `npm run openapi` (openapi-typescript): do not edit.
export interface paths {
	'/api/v1/attempts': {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * Log one attempt or a batch of up to 1000
		 * @description A batch is atomic: stored whole or not at all, answered once committed. The same id with the same content is a duplicate; with only verdict, rejectReason or reviewSeconds changed, an update; anything else a 409 conflict.
		 */
		post: operations['logAttempts'];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	'/api/v1/attempts/{id}': {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/** One attempt: its fields as sent, how it was priced, who gave the verdict */
		get: operations['getAttempt'];
		put?: never;
		post?: never;
		delete?: never;
		options?: never;
		head?: never;
		/** A late verdict */
		patch: operations['setVerdict'];
		trace?: never;
	};
	'/api/v1/imports': {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		get?: never;
		put?: never;
		/**
		 * Import a CSV or NDJSON file of attempts, line by line
		 * @description CSV: a header row naming the columns of attempts.csv. NDJSON: one attempt per line, as POST /api/v1/attempts takes it. Each line is stored or refused on its own; `dryRun=true` stores nothing.
		 */
		post: operations['importFile'];
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	'/api/v1/summary': {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/** Per-model figures and per-family comparisons over [from, to) */
		get: operations['summary'];
		put?: never;
		post?: never;
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	'/api/v1/recommendations': {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/** Tier advice per family pair, per segment, and the what-if */
		get: operations['recommendations'];
		put?: never;
		post?: never;
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	'/api/v1/shots': {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/** Shots per model: attempts and cost to the first keep, abandoned shots, review labour */
		get: operations['shots'];
		put?: never;
		post?: never;
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	'/api/v1/reject-reasons': {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/** Why clips fail: decided attempts not kept, per reject category, in total and per model */
		get: operations['rejectReasons'];
		put?: never;
		post?: never;
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	'/api/v1/weekly': {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/** The weekly review of one ISO week in the workspace time zone */
		get: operations['weekly'];
		put?: never;
		post?: never;
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	'/api/v1/attempts.csv': {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/** Every attempt in [from, to) as CSV, streamed; it imports back exactly */
		get: operations['attemptsCsv'];
		put?: never;
		post?: never;
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	'/api/v1/weekly.csv': {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/** Figures per ISO week and model in [from, to) as CSV */
		get: operations['weeklyCsv'];
		put?: never;
		post?: never;
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	'/api/health': {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/** 200 once the database is migrated and answers; 503 otherwise */
		get: operations['health'];
		put?: never;
		post?: never;
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
	'/api/v1/openapi.json': {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		/** This document */
		get: operations['openapi'];
		put?: never;
		post?: never;
		delete?: never;
		options?: never;
		head?: never;
		patch?: never;
		trace?: never;
	};
}
export type webhooks = Record<string, never>;
export interface components {
	schemas: {
		Attempt: {
			id: string;
			project: string;
			model: string;
			durationSeconds: number;
			resolution?: string;
			costUsd?: number;
			/** @enum {string} */
			verdict?: 'keep' | 'reject' | 'pending';
			rejectReason?: string;
			reviewSeconds?: number;
			/** @enum {string} */
			status?: 'succeeded' | 'failed';
			/** Format: date-time */
			createdAt?: string;
			shotId?: string;
			tags?: string[];
			prompt?: string;
			generationSeconds?: number;
			creator?: string;
			/** Format: uri */
			videoUrl?: string;
			metadata?: {
				[key: string]: unknown;
			};
		};
		AttemptBatch: {
			attempts: components['schemas']['Attempt'][];
		};
		AttemptOrBatch: components['schemas']['Attempt'] | components['schemas']['AttemptBatch'];
		VerdictPatch: {
			/** @enum {string} */
			verdict: 'keep' | 'reject' | 'pending';
			rejectReason?: string;
			reviewSeconds?: number;
		};
		/** @description Every refusal: nothing of the request was stored. */
		Error: {
			/** @description what went wrong, in a sentence */
			error: string;
			/** @description every problem found, by field */
			issues?: {
				/** @description the attempt in a batch, from 0 */
				index?: number;
				/** @description the field, e.g. tags[2] or metadata.source */
				path: string;
				message: string;
			}[];
			/** @description 409: the ids sent before with other content */
			conflicts?: string[];
		};
		IngestResult: {
			accepted: number;
			duplicates: number;
			updated: number;
		};
		PublicAttempt: {
			id: string;
			project: string;
			/** @description the canonical model (a dated snapshot is stored as its model) */
			model: string;
			createdAt: string;
			durationSeconds: number;
			resolution: string | null;
			/** @description US dollars (micro-dollar precision) */
			costUsd: number;
			/**
			 * @description reported: the costUsd sent; price_book: priced by keeprate
			 * @enum {string}
			 */
			costSource: 'reported' | 'price_book';
			/** @enum {string} */
			status: 'succeeded' | 'failed';
			/** @enum {string} */
			verdict: 'keep' | 'reject' | 'pending';
			rejectReason: string | null;
			/** @description review time, part of the verdict */
			reviewSeconds: number | null;
			verdictAt: string | null;
			/** @description key:<id> through the API, user:<id> from the review queue */
			verdictBy: string | null;
			shotId: string | null;
			tags: string[];
			tagsSource: ('client' | 'inferred') | null;
			prompt: string | null;
			generationSeconds: number | null;
			creator: string | null;
			videoUrl: string | null;
			metadata: unknown;
			receivedAt: string;
		};
		ModelRow: {
			model: string;
			family: string;
			tier: number;
			displayName: string;
			attempts: number;
			kept: number;
			rejected: number;
			failed: number;
			pending: number;
			decided: number;
			/** @description US dollars (micro-dollar precision) */
			spendUsd: number;
			/** @description US dollars (micro-dollar precision) */
			decidedSpendUsd: number;
			/** @description US dollars (micro-dollar precision) */
			wastedSpendUsd: number;
			keepRate: number | null;
			retakeRate: number | null;
			costPerAttemptUsd: number | null;
			costPerKeptClipUsd: number | null;
			keptSeconds: number;
			costPerKeptSecondUsd: number | null;
			/** @description 95% interval, or null */
			keepRateInterval: [number, number] | null;
			attemptsPerKeptClip: number | null;
			meanGenerationSeconds: number | null;
			secondsToUsableClip: number | null;
			/** @description review time of the decided attempts */
			reviewSeconds: number;
			/** @description reviewSeconds x rate / 3600 */
			laborUsd: number | null;
			/** @description decidedSpendUsd + laborUsd */
			allInSpendUsd: number | null;
			/** @description allInSpendUsd / kept */
			allInCostPerKeptClipUsd: number | null;
		};
		Comparison: {
			family: string;
			/** @description the cheaper tier */
			base: string;
			premium: string;
			costRatio: number | null;
			breakEvenKeepRate: number | null;
			baseKeepRate: number | null;
			premiumKeepRate: number | null;
			baseCostPerKeptClipUsd: number | null;
			premiumCostPerKeptClipUsd: number | null;
			premiumPaysForItself: boolean | null;
			probabilityPremiumCheaper: number | null;
			recommendation: ('premium' | 'base' | 'undecided') | null;
			attemptsToSettle: number | null;
			allInCostRatio: number | null;
			allInBreakEvenKeepRate: number | null;
			allInPremiumPaysForItself: boolean | null;
			probabilityPremiumCheaperAllIn: number | null;
			allInRecommendation: ('premium' | 'base' | 'undecided') | null;
		};
		Summary: {
			/** @description the rate review labour is priced at: laborUsdPerHour= if sent, else the workspace’s; null: none */
			laborUsdPerHour: number | null;
			models: components['schemas']['ModelRow'][];
			comparisons: components['schemas']['Comparison'][];
		};
		Advice: {
			family: string;
			/** @description the cheaper tier */
			base: string;
			premium: string;
			costRatio: number | null;
			breakEvenKeepRate: number | null;
			baseKeepRate: number | null;
			premiumKeepRate: number | null;
			baseCostPerKeptClipUsd: number | null;
			premiumCostPerKeptClipUsd: number | null;
			premiumPaysForItself: boolean | null;
			probabilityPremiumCheaper: number | null;
			recommendation: ('premium' | 'base' | 'undecided') | null;
			attemptsToSettle: number | null;
			allInCostRatio: number | null;
			allInBreakEvenKeepRate: number | null;
			allInPremiumPaysForItself: boolean | null;
			probabilityPremiumCheaperAllIn: number | null;
			allInRecommendation: ('premium' | 'base' | 'undecided') | null;
			premiumSavingPer100UsableClipsUsd: number | null;
			savingPer100UsableClipsUsd: number | null;
			rationale: string;
		};
		SegmentAdvice: {
			segment: string;
			base: {
				attempts: number;
				kept: number;
				decided: number;
				pending: number;
				keepRate: number | null;
				/** @description 95% interval, or null */
				keepRateInterval: [number, number] | null;
				costPerAttemptUsd: number | null;
				costPerKeptClipUsd: number | null;
				/** @description allInSpendUsd / kept */
				allInCostPerKeptClipUsd: number | null;
			} | null;
			premium: {
				attempts: number;
				kept: number;
				decided: number;
				pending: number;
				keepRate: number | null;
				/** @description 95% interval, or null */
				keepRateInterval: [number, number] | null;
				costPerAttemptUsd: number | null;
				costPerKeptClipUsd: number | null;
				/** @description allInSpendUsd / kept */
				allInCostPerKeptClipUsd: number | null;
			} | null;
			advice: {
				costRatio: number | null;
				breakEvenKeepRate: number | null;
				premiumPaysForItself: boolean | null;
				probabilityPremiumCheaper: number | null;
				recommendation: ('premium' | 'base' | 'undecided') | null;
				attemptsToSettle: number | null;
				premiumSavingPer100UsableClipsUsd: number | null;
				savingPer100UsableClipsUsd: number | null;
				allInCostRatio: number | null;
				allInBreakEvenKeepRate: number | null;
				allInPremiumPaysForItself: boolean | null;
				probabilityPremiumCheaperAllIn: number | null;
				allInRecommendation: ('premium' | 'base' | 'undecided') | null;
			} | null;
		};
		PairAdvice: {
			family: string;
			base: string;
			premium: string;
			overall: components['schemas']['Advice'];
			segments: {
				/** @enum {string} */
				by: 'tag' | 'resolution' | 'duration' | 'creator' | 'project';
				listed: components['schemas']['SegmentAdvice'][];
				hidden: {
					segments: number;
					decided: number;
				};
				counts: {
					[key: string]: number;
				};
			};
			whatIf: {
				/** @enum {string} */
				dimension: 'project' | 'resolution' | 'duration' | 'creator';
				/** @description US dollars (micro-dollar precision) */
				actualUsd: number;
				/** @description US dollars (micro-dollar precision) */
				whatIfUsd: number;
				/** @description US dollars (micro-dollar precision) */
				savingUsd: number;
				savingShare: number | null;
				whatIfIntervalUsd: [number, number];
				segmentsChanged: number;
				/** @description the same with each segment on its all-in recommended tier, every spend priced with review labour; null without a rate */
				allIn: {
					/** @description US dollars (micro-dollar precision) */
					actualUsd: number;
					/** @description US dollars (micro-dollar precision) */
					whatIfUsd: number;
					/** @description US dollars (micro-dollar precision) */
					savingUsd: number;
					savingShare: number | null;
					whatIfIntervalUsd: [number, number];
					segmentsChanged: number;
				} | null;
			};
		};
		Recommendations: {
			/** @description the rate review labour is priced at: laborUsdPerHour= if sent, else the workspace’s; null: none */
			laborUsdPerHour: number | null;
			pairs: components['schemas']['PairAdvice'][];
		};
		ShotStats: {
			model: string;
			shots: number;
			keptShots: number;
			abandoned: number;
			inReview: number;
			/** @description shots kept at the 1st, 2nd, 3rd, 4th, 5th, 6th or later attempt */
			histogram: number[];
			medianAttemptsToFirstKeep: number | null;
			meanAttemptsToFirstKeep: number | null;
			meanCostToFirstKeepUsd: number | null;
			/** @description US dollars (micro-dollar precision) */
			abandonedSpendUsd: number;
			spendPerKeptShotUsd: number | null;
			/** @description review time of the decided takes of every shot */
			reviewSeconds: number;
			/** @description reviewSeconds x rate / 3600; null without a rate */
			laborUsd: number | null;
			/** @description (spend + laborUsd of every shot) / keptShots; null without a rate or a kept shot */
			allInSpendPerKeptShotUsd: number | null;
		};
		Shots: {
			/** @description the rate review labour is priced at: laborUsdPerHour= if sent, else the workspace’s; null: none */
			laborUsdPerHour: number | null;
			models: components['schemas']['ShotStats'][];
		};
		WeeklyReview: {
			/** @description the rate review labour is priced at: laborUsdPerHour= if sent, else the workspace’s; null: none */
			laborUsdPerHour: number | null;
			/** @description ISO week, e.g. 2026-W48 */
			week: string;
			previous: string;
			next: string;
			/** @description its first instant, in the workspace time zone */
			from: string;
			to: string;
			timeZone: string;
			/** @description US dollars (micro-dollar precision) */
			spendUsd: number;
			/** @description US dollars (micro-dollar precision) */
			wastedSpendUsd: number;
			keptClips: number;
			costPerKeptClipUsd: number | null;
			/** @description review time of the decided attempts */
			reviewSeconds: number;
			/** @description reviewSeconds x rate / 3600 */
			laborUsd: number | null;
			/** @description decidedSpendUsd + laborUsd */
			allInSpendUsd: number | null;
			/** @description allInSpendUsd / kept */
			allInCostPerKeptClipUsd: number | null;
			previousWeek: {
				/** @description US dollars (micro-dollar precision) */
				spendUsd: number;
				/** @description US dollars (micro-dollar precision) */
				wastedSpendUsd: number;
				costPerKeptClipUsd: number | null;
			};
			budget: {
				/** @enum {string} */
				period: 'week' | 'month';
				project: string | null;
				/** @description US dollars (micro-dollar precision) */
				amountUsd: number;
				periodFrom: string;
				periodTo: string;
				/** @description US dollars (micro-dollar precision) */
				spendUsd: number;
				/** @description US dollars (micro-dollar precision) */
				forecastUsd: number;
				/** @enum {string} */
				status: 'on track' | 'at risk' | 'over';
				elapsedShare: number;
			} | null;
			models: components['schemas']['ModelRow'][];
			comparisons: components['schemas']['Comparison'][];
			previousCostPerKeptClipUsd: {
				[key: string]: number | null;
			};
			sinks: {
				projects: {
					name: string;
					/** @description US dollars (micro-dollar precision) */
					wastedSpendUsd: number;
					decided: number;
					kept: number;
				}[];
				tags: {
					name: string;
					/** @description US dollars (micro-dollar precision) */
					wastedSpendUsd: number;
					decided: number;
					kept: number;
				}[];
			};
			backlog: {
				pending: number;
				/** @description US dollars (micro-dollar precision) */
				pendingSpendUsd: number;
				oldestPendingAt: string | null;
			};
			adviceChanges: {
				family: string;
				base: string;
				premium: string;
				before: ('premium' | 'base' | 'undecided') | null;
				after: ('premium' | 'base' | 'undecided') | null;
				probabilityPremiumCheaper: number | null;
			}[];
		};
		ImportReport: {
			lines: number;
			accepted: number;
			duplicates: number;
			updated: number;
			/** @description the first 1000 refused lines */
			refused: {
				line: number;
				path: string;
				message: string;
			}[];
			refusedCount: number;
			dryRun: boolean;
		};
		RejectReasons: {
			/** @description the rate review labour is priced at: laborUsdPerHour= if sent, else the workspace’s; null: none */
			laborUsdPerHour: number | null;
			/** @description biggest wasted spend first */
			reasons: {
				/** @description the reject category: hands-anatomy, faces, motion-artefacts, flicker-temporal, physics, text-logos, prompt-mismatch, camera, style, audio-sync, other, unspecified, failed */
				category: string;
				/** @description the category as the pages name it */
				label: string;
				attempts: number;
				/** @description attempts / (rejected + failed) of the same scope; null when there are none */
				share: number | null;
				/** @description US dollars (micro-dollar precision) */
				wastedSpendUsd: number;
				/** @description review time spent on those attempts */
				reviewSeconds: number;
				/** @description reviewSeconds x rate / 3600; null without a rate */
				wastedLaborUsd: number | null;
				/** @description wastedSpendUsd + wastedLaborUsd; null without a rate */
				wastedAllInUsd: number | null;
			}[];
			/** @description the model that wasted most first */
			models: {
				model: string;
				reasons: {
					/** @description the reject category: hands-anatomy, faces, motion-artefacts, flicker-temporal, physics, text-logos, prompt-mismatch, camera, style, audio-sync, other, unspecified, failed */
					category: string;
					/** @description the category as the pages name it */
					label: string;
					attempts: number;
					/** @description attempts / (rejected + failed) of the same scope; null when there are none */
					share: number | null;
					/** @description US dollars (micro-dollar precision) */
					wastedSpendUsd: number;
					/** @description review time spent on those attempts */
					reviewSeconds: number;
					/** @description reviewSeconds x rate / 3600; null without a rate */
					wastedLaborUsd: number | null;
					/** @description wastedSpendUsd + wastedLaborUsd; null without a rate */
					wastedAllInUsd: number | null;
				}[];
			}[];
			/** @description true while attempts are placed again after a change of rules: totals exact, the split moving */
			recategorising: boolean;
		};
		Health: {
			/** @enum {string} */
			status: 'ok' | 'unavailable';
			database: string;
		};
	};
	responses: never;
	parameters: never;
	requestBodies: never;
	headers: {
		/** @description Seconds to wait before sending again */
		RetryAfter: number;
	};
	pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
	logAttempts: {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		requestBody: {
			content: {
				/**
				 * @example {
				 *       "attempts": [
				 *         {
				 *           "id": "shot-12-take-3",
				 *           "project": "watch-launch",
				 *           "model": "veo-3.1-fast-generate-preview",
				 *           "durationSeconds": 8,
				 *           "resolution": "1280x720",
				 *           "verdict": "keep",
				 *           "tags": [
				 *             "close-up"
				 *           ],
				 *           "shotId": "shot-12",
				 *           "createdAt": "2026-11-20T14:03:00Z"
				 *         },
				 *         {
				 *           "id": "shot-12-take-4",
				 *           "project": "watch-launch",
				 *           "model": "veo-3.1-fast-generate-preview",
				 *           "durationSeconds": 8,
				 *           "resolution": "1280x720",
				 *           "verdict": "reject",
				 *           "tags": [
				 *             "close-up"
				 *           ],
				 *           "shotId": "shot-12",
				 *           "createdAt": "2026-11-20T14:03:00Z",
				 *           "rejectReason": "warped hands"
				 *         }
				 *       ]
				 *     }
				 */
				'application/json': components['schemas']['AttemptOrBatch'];
			};
		};
		responses: {
			/** @description Log one attempt or a batch of up to 1000 */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "accepted": 2,
					 *       "duplicates": 0,
					 *       "updated": 0
					 *     }
					 */
					'application/json': components['schemas']['IngestResult'];
				};
			};
			/** @description Invalid input: every problem is listed in `issues`, by field (and by `index` in a batch) */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "invalid attempts: nothing was stored",
					 *       "issues": [
					 *         {
					 *           "index": 3,
					 *           "path": "durationSeconds",
					 *           "message": "Too small: expected number to be >0"
					 *         }
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description No API key, or an unknown or revoked one */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "missing API key: send \"Authorization: Bearer <api key>\""
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The key lacks the scope, or the request names a project outside the key’s projects */
			403: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "this API key lacks the \"ingest\" scope"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description Ids sent before with other content (only verdict and rejectReason may change): nothing stored */
			409: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "1 attempt id(s) were sent before with different content; only verdict and rejectReason may change on a resend. Nothing was stored.",
					 *       "conflicts": [
					 *         "shot-12-take-3"
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The body is over 5 MB (64 KB for a verdict); the connection closes after the answer */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "the body is larger than 5 MB: send fewer attempts per request"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description Valid, but cannot be priced: no costUsd, and the price book has no price for the model and resolution */
			422: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "attempts that cannot be priced: nothing was stored",
					 *       "issues": [
					 *         {
					 *           "index": 0,
					 *           "path": "model",
					 *           "message": "no price for model \"house-model\" at 1280x720: send costUsd"
					 *         }
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description Too many ingestion requests for this key (KEEPRATE_RATE_LIMIT a minute) */
			429: {
				headers: {
					'Retry-After': components['headers']['RetryAfter'];
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "too many requests for this API key: retry in 3 s"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The database is unavailable: a write may or may not have been stored; send it again after Retry-After (resends are idempotent by id) */
			503: {
				headers: {
					'Retry-After': components['headers']['RetryAfter'];
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "the database is unavailable; a write may or may not have been stored: send it again (resends are idempotent)"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
		};
	};
	getAttempt: {
		parameters: {
			query?: never;
			header?: never;
			path: {
				/** @description The attempt’s id, as it was sent */
				id: string;
			};
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description One attempt: its fields as sent, how it was priced, who gave the verdict */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "id": "shot-12-take-3",
					 *       "project": "watch-launch",
					 *       "model": "veo-3.1-fast-generate-preview",
					 *       "createdAt": "2026-11-20T14:03:00.000Z",
					 *       "durationSeconds": 8,
					 *       "resolution": "1280x720",
					 *       "costUsd": 1.2,
					 *       "costSource": "price_book",
					 *       "status": "succeeded",
					 *       "verdict": "reject",
					 *       "rejectReason": "warped hands",
					 *       "reviewSeconds": 35,
					 *       "verdictAt": "2026-11-21T09:12:40.000Z",
					 *       "verdictBy": "key:7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b",
					 *       "shotId": "shot-12",
					 *       "tags": [
					 *         "close-up"
					 *       ],
					 *       "tagsSource": "client",
					 *       "prompt": null,
					 *       "generationSeconds": null,
					 *       "creator": null,
					 *       "videoUrl": null,
					 *       "metadata": null,
					 *       "receivedAt": "2026-11-20T14:03:05.311Z"
					 *     }
					 */
					'application/json': components['schemas']['PublicAttempt'];
				};
			};
			/** @description Invalid input: every problem is listed in `issues`, by field (and by `index` in a batch) */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "invalid attempt id in the path",
					 *       "issues": [
					 *         {
					 *           "path": "id",
					 *           "message": "must not start or end with a space"
					 *         }
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description No API key, or an unknown or revoked one */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "missing API key: send \"Authorization: Bearer <api key>\""
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The key lacks the scope, or the request names a project outside the key’s projects */
			403: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "this API key lacks the \"read\" scope"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description No attempt with this id in the key’s workspace */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "no attempt with id \"shot-12-take-9\""
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The database is unavailable: a write may or may not have been stored; send it again after Retry-After (resends are idempotent by id) */
			503: {
				headers: {
					'Retry-After': components['headers']['RetryAfter'];
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "the database is unavailable; a write may or may not have been stored: send it again (resends are idempotent)"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
		};
	};
	setVerdict: {
		parameters: {
			query?: never;
			header?: never;
			path: {
				/** @description The attempt’s id, as it was sent */
				id: string;
			};
			cookie?: never;
		};
		requestBody: {
			content: {
				/**
				 * @example {
				 *       "verdict": "reject",
				 *       "rejectReason": "warped hands"
				 *     }
				 */
				'application/json': components['schemas']['VerdictPatch'];
			};
		};
		responses: {
			/** @description A late verdict */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "id": "shot-12-take-3",
					 *       "project": "watch-launch",
					 *       "model": "veo-3.1-fast-generate-preview",
					 *       "createdAt": "2026-11-20T14:03:00.000Z",
					 *       "durationSeconds": 8,
					 *       "resolution": "1280x720",
					 *       "costUsd": 1.2,
					 *       "costSource": "price_book",
					 *       "status": "succeeded",
					 *       "verdict": "reject",
					 *       "rejectReason": "warped hands",
					 *       "reviewSeconds": 35,
					 *       "verdictAt": "2026-11-21T09:12:40.000Z",
					 *       "verdictBy": "key:7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b",
					 *       "shotId": "shot-12",
					 *       "tags": [
					 *         "close-up"
					 *       ],
					 *       "tagsSource": "client",
					 *       "prompt": null,
					 *       "generationSeconds": null,
					 *       "creator": null,
					 *       "videoUrl": null,
					 *       "metadata": null,
					 *       "receivedAt": "2026-11-20T14:03:05.311Z"
					 *     }
					 */
					'application/json': components['schemas']['PublicAttempt'];
				};
			};
			/** @description Invalid input: every problem is listed in `issues`, by field (and by `index` in a batch) */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "invalid verdict",
					 *       "issues": [
					 *         {
					 *           "path": "rejectReason",
					 *           "message": "goes only with verdict \"reject\""
					 *         }
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description No API key, or an unknown or revoked one */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "missing API key: send \"Authorization: Bearer <api key>\""
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The key lacks the scope, or the request names a project outside the key’s projects */
			403: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "this API key lacks the \"ingest\" scope"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description No attempt with this id in the key’s workspace */
			404: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "no attempt with id \"shot-12-take-9\""
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The body is over 5 MB (64 KB for a verdict); the connection closes after the answer */
			413: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "the body is larger than 5 MB: send fewer attempts per request"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description Too many ingestion requests for this key (KEEPRATE_RATE_LIMIT a minute) */
			429: {
				headers: {
					'Retry-After': components['headers']['RetryAfter'];
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "too many requests for this API key: retry in 3 s"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The database is unavailable: a write may or may not have been stored; send it again after Retry-After (resends are idempotent by id) */
			503: {
				headers: {
					'Retry-After': components['headers']['RetryAfter'];
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "the database is unavailable; a write may or may not have been stored: send it again (resends are idempotent)"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
		};
	};
	importFile: {
		parameters: {
			query?: {
				/** @description true: validate, price and classify every line, store nothing */
				dryRun?: '0' | '1' | 'true' | 'false';
			};
			header?: never;
			path?: never;
			cookie?: never;
		};
		requestBody: {
			content: {
				/**
				 * @example id,project,model,createdAt,durationSeconds,resolution,costUsd,costSource,status,verdict,rejectReason,reviewSeconds,verdictAt,verdictBy,shotId,tags,tagsSource,prompt,generationSeconds,creator,videoUrl,metadata,receivedAt
				 *     shot-12-take-3,watch-launch,veo-3.1-fast-generate-preview,2026-11-20T14:03:00.000Z,8,1280x720,1.200000,price_book,succeeded,reject,warped hands,35,2026-11-21T09:12:40.000Z,key:7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b,shot-12,close-up,client,,,,,,2026-11-20T14:03:05.311Z
				 */
				'text/csv': string;
				/**
				 * @example {"id":"shot-12-take-3","project":"watch-launch","model":"veo-3.1-fast-generate-preview","durationSeconds":8,"resolution":"1280x720","verdict":"keep","tags":["close-up"],"shotId":"shot-12","createdAt":"2026-11-20T14:03:00Z"}
				 *     {"id":"shot-12-take-4","project":"watch-launch","model":"veo-3.1-fast-generate-preview","durationSeconds":8,"resolution":"1280x720","verdict":"keep","tags":["close-up"],"shotId":"shot-12","createdAt":"2026-11-20T14:03:00Z"}
				 */
				'application/x-ndjson': string;
			};
		};
		responses: {
			/** @description Import a CSV or NDJSON file of attempts, line by line */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "lines": 3,
					 *       "accepted": 2,
					 *       "duplicates": 0,
					 *       "updated": 0,
					 *       "refused": [
					 *         {
					 *           "line": 2,
					 *           "path": "durationSeconds",
					 *           "message": "Too small: expected number to be >0"
					 *         }
					 *       ],
					 *       "refusedCount": 1,
					 *       "dryRun": false
					 *     }
					 */
					'application/json': components['schemas']['ImportReport'];
				};
			};
			/** @description Invalid input: every problem is listed in `issues`, by field (and by `index` in a batch) */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "the file is empty: a CSV import starts with a header row",
					 *       "issues": [
					 *         {
					 *           "path": "header",
					 *           "message": "missing"
					 *         }
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description No API key, or an unknown or revoked one */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "missing API key: send \"Authorization: Bearer <api key>\""
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The key lacks the scope, or the request names a project outside the key’s projects */
			403: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "this API key lacks the \"ingest\" scope"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description An import that is neither text/csv nor application/x-ndjson */
			415: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "an import is text/csv or application/x-ndjson",
					 *       "issues": [
					 *         {
					 *           "path": "content-type",
					 *           "message": "application/json is not text/csv or application/x-ndjson"
					 *         }
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description Too many ingestion requests for this key (KEEPRATE_RATE_LIMIT a minute) */
			429: {
				headers: {
					'Retry-After': components['headers']['RetryAfter'];
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "too many requests for this API key: retry in 3 s"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The database is unavailable: a write may or may not have been stored; send it again after Retry-After (resends are idempotent by id) */
			503: {
				headers: {
					'Retry-After': components['headers']['RetryAfter'];
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "the database is unavailable; a write may or may not have been stored: send it again (resends are idempotent)"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
		};
	};
	summary: {
		parameters: {
			query?: {
				/** @description Start of the range, included: a date (YYYY-MM-DD, local midnight in the workspace time zone) or an ISO date-time with an offset */
				from?: string;
				/** @description End of the range, excluded; as `from` */
				to?: string;
				/** @description A project slug; a key restricted to projects must name one of them */
				project?: string;
				/** @description A model id */
				model?: string;
				/** @description A scene tag; repeat it to ask for attempts with every tag */
				tag?: string[];
				/** @description US dollars an hour of a reviewer’s time: prices review labour for this answer instead of the workspace’s rate */
				laborUsdPerHour?: string;
			};
			header?: never;
			path?: never;
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description Per-model figures and per-family comparisons over [from, to) */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "laborUsdPerHour": 45,
					 *       "models": [
					 *         {
					 *           "model": "sora-2",
					 *           "family": "sora-2",
					 *           "tier": 0,
					 *           "displayName": "Sora 2",
					 *           "attempts": 10,
					 *           "kept": 2,
					 *           "rejected": 5,
					 *           "failed": 1,
					 *           "pending": 2,
					 *           "decided": 8,
					 *           "spendUsd": 9,
					 *           "decidedSpendUsd": 7,
					 *           "wastedSpendUsd": 5,
					 *           "keepRate": 0.25,
					 *           "retakeRate": 0.75,
					 *           "costPerAttemptUsd": 0.875,
					 *           "costPerKeptClipUsd": 3.5,
					 *           "keptSeconds": 20,
					 *           "costPerKeptSecondUsd": 0.35,
					 *           "keepRateInterval": [
					 *             0.05596688972465881,
					 *             0.5916235105733372
					 *           ],
					 *           "attemptsPerKeptClip": 4,
					 *           "meanGenerationSeconds": null,
					 *           "secondsToUsableClip": null,
					 *           "reviewSeconds": 240,
					 *           "laborUsd": 3,
					 *           "allInSpendUsd": 10,
					 *           "allInCostPerKeptClipUsd": 5
					 *         }
					 *       ],
					 *       "comparisons": [
					 *         {
					 *           "family": "sora-2",
					 *           "base": "sora-2",
					 *           "premium": "sora-2-pro",
					 *           "costRatio": 2.4457142857142857,
					 *           "breakEvenKeepRate": 0.6114285714285714,
					 *           "baseKeepRate": 0.25,
					 *           "premiumKeepRate": 0.6,
					 *           "baseCostPerKeptClipUsd": 3.5,
					 *           "premiumCostPerKeptClipUsd": 3.566666,
					 *           "premiumPaysForItself": false,
					 *           "probabilityPremiumCheaper": 0.43642334803302996,
					 *           "recommendation": "undecided",
					 *           "attemptsToSettle": 30484,
					 *           "allInCostRatio": 1.62,
					 *           "allInBreakEvenKeepRate": 0.405,
					 *           "allInPremiumPaysForItself": true,
					 *           "probabilityPremiumCheaperAllIn": 0.83,
					 *           "allInRecommendation": "undecided"
					 *         }
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['Summary'];
				};
			};
			/** @description Invalid input: every problem is listed in `issues`, by field (and by `index` in a batch) */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "invalid query parameters",
					 *       "issues": [
					 *         {
					 *           "path": "from",
					 *           "message": "must be a date (YYYY-MM-DD) or an ISO 8601 date-time with a time zone"
					 *         }
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description No API key, or an unknown or revoked one */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "missing API key: send \"Authorization: Bearer <api key>\""
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The key lacks the scope, or the request names a project outside the key’s projects */
			403: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "this API key lacks the \"read\" scope"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The database is unavailable: a write may or may not have been stored; send it again after Retry-After (resends are idempotent by id) */
			503: {
				headers: {
					'Retry-After': components['headers']['RetryAfter'];
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "the database is unavailable; a write may or may not have been stored: send it again (resends are idempotent)"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
		};
	};
	recommendations: {
		parameters: {
			query?: {
				/** @description Start of the range, included: a date (YYYY-MM-DD, local midnight in the workspace time zone) or an ISO date-time with an offset */
				from?: string;
				/** @description End of the range, excluded; as `from` */
				to?: string;
				/** @description A project slug; a key restricted to projects must name one of them */
				project?: string;
				/** @description A model id */
				model?: string;
				/** @description A scene tag; repeat it to ask for attempts with every tag */
				tag?: string[];
				/** @description The dimension the what-if runs over */
				whatIf?: 'project' | 'resolution' | 'duration' | 'creator';
				/** @description The dimension advised segment by segment (default: the what-if’s) */
				segmentsBy?: 'tag' | 'resolution' | 'duration' | 'creator' | 'project';
				/** @description US dollars an hour of a reviewer’s time: prices review labour for this answer instead of the workspace’s rate */
				laborUsdPerHour?: string;
			};
			header?: never;
			path?: never;
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description Tier advice per family pair, per segment, and the what-if */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "laborUsdPerHour": 45,
					 *       "pairs": [
					 *         {
					 *           "family": "sora-2",
					 *           "base": "sora-2",
					 *           "premium": "sora-2-pro",
					 *           "overall": {
					 *             "family": "sora-2",
					 *             "base": "sora-2",
					 *             "premium": "sora-2-pro",
					 *             "costRatio": 2.4457142857142857,
					 *             "breakEvenKeepRate": 0.6114285714285714,
					 *             "baseKeepRate": 0.25,
					 *             "premiumKeepRate": 0.6,
					 *             "baseCostPerKeptClipUsd": 3.5,
					 *             "premiumCostPerKeptClipUsd": 3.566666,
					 *             "premiumPaysForItself": false,
					 *             "probabilityPremiumCheaper": 0.43642334803302996,
					 *             "recommendation": "undecided",
					 *             "attemptsToSettle": 30484,
					 *             "allInCostRatio": 1.62,
					 *             "allInBreakEvenKeepRate": 0.405,
					 *             "allInPremiumPaysForItself": true,
					 *             "probabilityPremiumCheaperAllIn": 0.83,
					 *             "allInRecommendation": "undecided",
					 *             "premiumSavingPer100UsableClipsUsd": -6.6666,
					 *             "savingPer100UsableClipsUsd": null,
					 *             "rationale": "Too close to call: Sora 2 Pro keeps 60% (23–88%) of takes; it needs 61% to pay for itself. Chance Sora 2 Pro is cheaper per usable clip: 44%; about 30,484 more reviewed attempts would settle it."
					 *           },
					 *           "segments": {
					 *             "by": "project",
					 *             "listed": [
					 *               {
					 *                 "segment": "spot",
					 *                 "base": {
					 *                   "attempts": 9,
					 *                   "kept": 1,
					 *                   "decided": 7,
					 *                   "pending": 2,
					 *                   "keepRate": 0.14285714285714285,
					 *                   "keepRateInterval": [
					 *                     0.01593,
					 *                     0.52066
					 *                   ],
					 *                   "costPerAttemptUsd": 0.857142,
					 *                   "costPerKeptClipUsd": 6,
					 *                   "allInCostPerKeptClipUsd": 8.25
					 *                 },
					 *                 "premium": null,
					 *                 "advice": null
					 *               }
					 *             ],
					 *             "hidden": {
					 *               "segments": 0,
					 *               "decided": 0
					 *             },
					 *             "counts": {
					 *               "tag": 2,
					 *               "resolution": 1,
					 *               "duration": 2,
					 *               "creator": 0,
					 *               "project": 2
					 *             }
					 *           },
					 *           "whatIf": {
					 *             "dimension": "project",
					 *             "actualUsd": 17.7,
					 *             "whatIfUsd": 17.5,
					 *             "savingUsd": 0.2,
					 *             "savingShare": 0.0113,
					 *             "whatIfIntervalUsd": [
					 *               14.1,
					 *               29.6
					 *             ],
					 *             "segmentsChanged": 0,
					 *             "allIn": {
					 *               "actualUsd": 24.45,
					 *               "whatIfUsd": 24.45,
					 *               "savingUsd": 0,
					 *               "savingShare": 0,
					 *               "whatIfIntervalUsd": [
					 *                 24.45,
					 *                 24.45
					 *               ],
					 *               "segmentsChanged": 0
					 *             }
					 *           }
					 *         }
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['Recommendations'];
				};
			};
			/** @description Invalid input: every problem is listed in `issues`, by field (and by `index` in a batch) */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "invalid query parameters",
					 *       "issues": [
					 *         {
					 *           "path": "from",
					 *           "message": "must be a date (YYYY-MM-DD) or an ISO 8601 date-time with a time zone"
					 *         }
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description No API key, or an unknown or revoked one */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "missing API key: send \"Authorization: Bearer <api key>\""
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The key lacks the scope, or the request names a project outside the key’s projects */
			403: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "this API key lacks the \"read\" scope"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The database is unavailable: a write may or may not have been stored; send it again after Retry-After (resends are idempotent by id) */
			503: {
				headers: {
					'Retry-After': components['headers']['RetryAfter'];
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "the database is unavailable; a write may or may not have been stored: send it again (resends are idempotent)"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
		};
	};
	shots: {
		parameters: {
			query?: {
				/** @description Start of the range, included: a date (YYYY-MM-DD, local midnight in the workspace time zone) or an ISO date-time with an offset */
				from?: string;
				/** @description End of the range, excluded; as `from` */
				to?: string;
				/** @description A project slug; a key restricted to projects must name one of them */
				project?: string;
				/** @description A model id */
				model?: string;
				/** @description A scene tag; repeat it to ask for attempts with every tag */
				tag?: string[];
				/** @description US dollars an hour of a reviewer’s time: prices review labour for this answer instead of the workspace’s rate */
				laborUsdPerHour?: string;
			};
			header?: never;
			path?: never;
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description Shots per model: attempts and cost to the first keep, abandoned shots, review labour */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "laborUsdPerHour": 45,
					 *       "models": [
					 *         {
					 *           "model": "sora-2",
					 *           "shots": 4,
					 *           "keptShots": 2,
					 *           "abandoned": 1,
					 *           "inReview": 1,
					 *           "histogram": [
					 *             1,
					 *             0,
					 *             1,
					 *             0,
					 *             0,
					 *             0
					 *           ],
					 *           "medianAttemptsToFirstKeep": 2,
					 *           "meanAttemptsToFirstKeep": 2,
					 *           "meanCostToFirstKeepUsd": 2,
					 *           "abandonedSpendUsd": 3,
					 *           "spendPerKeptShotUsd": 4.5,
					 *           "reviewSeconds": 480,
					 *           "laborUsd": 6,
					 *           "allInSpendPerKeptShotUsd": 7.5
					 *         }
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['Shots'];
				};
			};
			/** @description Invalid input: every problem is listed in `issues`, by field (and by `index` in a batch) */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "invalid query parameters",
					 *       "issues": [
					 *         {
					 *           "path": "from",
					 *           "message": "must be a date (YYYY-MM-DD) or an ISO 8601 date-time with a time zone"
					 *         }
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description No API key, or an unknown or revoked one */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "missing API key: send \"Authorization: Bearer <api key>\""
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The key lacks the scope, or the request names a project outside the key’s projects */
			403: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "this API key lacks the \"read\" scope"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The database is unavailable: a write may or may not have been stored; send it again after Retry-After (resends are idempotent by id) */
			503: {
				headers: {
					'Retry-After': components['headers']['RetryAfter'];
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "the database is unavailable; a write may or may not have been stored: send it again (resends are idempotent)"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
		};
	};
	rejectReasons: {
		parameters: {
			query?: {
				/** @description Start of the range, included: a date (YYYY-MM-DD, local midnight in the workspace time zone) or an ISO date-time with an offset */
				from?: string;
				/** @description End of the range, excluded; as `from` */
				to?: string;
				/** @description A project slug; a key restricted to projects must name one of them */
				project?: string;
				/** @description A model id */
				model?: string;
				/** @description A scene tag; repeat it to ask for attempts with every tag */
				tag?: string[];
				/** @description US dollars an hour of a reviewer’s time: prices review labour for this answer instead of the workspace’s rate */
				laborUsdPerHour?: string;
			};
			header?: never;
			path?: never;
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description Why clips fail: decided attempts not kept, per reject category, in total and per model */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "laborUsdPerHour": 45,
					 *       "reasons": [
					 *         {
					 *           "category": "hands-anatomy",
					 *           "label": "Hands and anatomy",
					 *           "attempts": 3,
					 *           "share": 0.5,
					 *           "wastedSpendUsd": 2.4,
					 *           "reviewSeconds": 120,
					 *           "wastedLaborUsd": 1.5,
					 *           "wastedAllInUsd": 3.9
					 *         },
					 *         {
					 *           "category": "prompt-mismatch",
					 *           "label": "Prompt mismatch",
					 *           "attempts": 2,
					 *           "share": 0.3333333333333333,
					 *           "wastedSpendUsd": 1.6,
					 *           "reviewSeconds": 48,
					 *           "wastedLaborUsd": 0.6,
					 *           "wastedAllInUsd": 2.2
					 *         },
					 *         {
					 *           "category": "failed",
					 *           "label": "Failed generation",
					 *           "attempts": 1,
					 *           "share": 0.16666666666666666,
					 *           "wastedSpendUsd": 0,
					 *           "reviewSeconds": 0,
					 *           "wastedLaborUsd": 0,
					 *           "wastedAllInUsd": 0
					 *         }
					 *       ],
					 *       "models": [
					 *         {
					 *           "model": "veo-3.1-fast",
					 *           "reasons": [
					 *             {
					 *               "category": "hands-anatomy",
					 *               "label": "Hands and anatomy",
					 *               "attempts": 3,
					 *               "share": 0.5,
					 *               "wastedSpendUsd": 2.4,
					 *               "reviewSeconds": 120,
					 *               "wastedLaborUsd": 1.5,
					 *               "wastedAllInUsd": 3.9
					 *             },
					 *             {
					 *               "category": "prompt-mismatch",
					 *               "label": "Prompt mismatch",
					 *               "attempts": 2,
					 *               "share": 0.3333333333333333,
					 *               "wastedSpendUsd": 1.6,
					 *               "reviewSeconds": 48,
					 *               "wastedLaborUsd": 0.6,
					 *               "wastedAllInUsd": 2.2
					 *             },
					 *             {
					 *               "category": "failed",
					 *               "label": "Failed generation",
					 *               "attempts": 1,
					 *               "share": 0.16666666666666666,
					 *               "wastedSpendUsd": 0,
					 *               "reviewSeconds": 0,
					 *               "wastedLaborUsd": 0,
					 *               "wastedAllInUsd": 0
					 *             }
					 *           ]
					 *         }
					 *       ],
					 *       "recategorising": false
					 *     }
					 */
					'application/json': components['schemas']['RejectReasons'];
				};
			};
			/** @description Invalid input: every problem is listed in `issues`, by field (and by `index` in a batch) */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "invalid query parameters",
					 *       "issues": [
					 *         {
					 *           "path": "from",
					 *           "message": "must be a date (YYYY-MM-DD) or an ISO 8601 date-time with a time zone"
					 *         }
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description No API key, or an unknown or revoked one */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "missing API key: send \"Authorization: Bearer <api key>\""
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The key lacks the scope, or the request names a project outside the key’s projects */
			403: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "this API key lacks the \"read\" scope"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The database is unavailable: a write may or may not have been stored; send it again after Retry-After (resends are idempotent by id) */
			503: {
				headers: {
					'Retry-After': components['headers']['RetryAfter'];
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "the database is unavailable; a write may or may not have been stored: send it again (resends are idempotent)"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
		};
	};
	weekly: {
		parameters: {
			query?: {
				/** @description An ISO week, e.g. 2026-W48 (default: the current one) */
				week?: string;
				/** @description A project slug; a key restricted to projects must name one of them */
				project?: string;
				/** @description US dollars an hour of a reviewer’s time: prices review labour for this answer instead of the workspace’s rate */
				laborUsdPerHour?: string;
			};
			header?: never;
			path?: never;
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description The weekly review of one ISO week in the workspace time zone */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "laborUsdPerHour": 45,
					 *       "week": "2026-W48",
					 *       "previous": "2026-W47",
					 *       "next": "2026-W49",
					 *       "from": "2026-11-23T00:00:00.000Z",
					 *       "to": "2026-11-30T00:00:00.000Z",
					 *       "timeZone": "UTC",
					 *       "spendUsd": 9,
					 *       "wastedSpendUsd": 5,
					 *       "keptClips": 2,
					 *       "costPerKeptClipUsd": 4.5,
					 *       "reviewSeconds": 240,
					 *       "laborUsd": 3,
					 *       "allInSpendUsd": 10,
					 *       "allInCostPerKeptClipUsd": 5,
					 *       "previousWeek": {
					 *         "spendUsd": 12,
					 *         "wastedSpendUsd": 8,
					 *         "costPerKeptClipUsd": 6
					 *       },
					 *       "budget": {
					 *         "period": "week",
					 *         "project": null,
					 *         "amountUsd": 50,
					 *         "periodFrom": "2026-11-23",
					 *         "periodTo": "2026-11-30",
					 *         "spendUsd": 9,
					 *         "forecastUsd": 21,
					 *         "status": "on track",
					 *         "elapsedShare": 0.43
					 *       },
					 *       "models": [
					 *         {
					 *           "model": "sora-2",
					 *           "family": "sora-2",
					 *           "tier": 0,
					 *           "displayName": "Sora 2",
					 *           "attempts": 10,
					 *           "kept": 2,
					 *           "rejected": 5,
					 *           "failed": 1,
					 *           "pending": 2,
					 *           "decided": 8,
					 *           "spendUsd": 9,
					 *           "decidedSpendUsd": 7,
					 *           "wastedSpendUsd": 5,
					 *           "keepRate": 0.25,
					 *           "retakeRate": 0.75,
					 *           "costPerAttemptUsd": 0.875,
					 *           "costPerKeptClipUsd": 3.5,
					 *           "keptSeconds": 20,
					 *           "costPerKeptSecondUsd": 0.35,
					 *           "keepRateInterval": [
					 *             0.05596688972465881,
					 *             0.5916235105733372
					 *           ],
					 *           "attemptsPerKeptClip": 4,
					 *           "meanGenerationSeconds": null,
					 *           "secondsToUsableClip": null,
					 *           "reviewSeconds": 240,
					 *           "laborUsd": 3,
					 *           "allInSpendUsd": 10,
					 *           "allInCostPerKeptClipUsd": 5
					 *         }
					 *       ],
					 *       "comparisons": [
					 *         {
					 *           "family": "sora-2",
					 *           "base": "sora-2",
					 *           "premium": "sora-2-pro",
					 *           "costRatio": 2.4457142857142857,
					 *           "breakEvenKeepRate": 0.6114285714285714,
					 *           "baseKeepRate": 0.25,
					 *           "premiumKeepRate": 0.6,
					 *           "baseCostPerKeptClipUsd": 3.5,
					 *           "premiumCostPerKeptClipUsd": 3.566666,
					 *           "premiumPaysForItself": false,
					 *           "probabilityPremiumCheaper": 0.43642334803302996,
					 *           "recommendation": "undecided",
					 *           "attemptsToSettle": 30484,
					 *           "allInCostRatio": 1.62,
					 *           "allInBreakEvenKeepRate": 0.405,
					 *           "allInPremiumPaysForItself": true,
					 *           "probabilityPremiumCheaperAllIn": 0.83,
					 *           "allInRecommendation": "undecided"
					 *         }
					 *       ],
					 *       "previousCostPerKeptClipUsd": {
					 *         "sora-2": 6
					 *       },
					 *       "sinks": {
					 *         "projects": [
					 *           {
					 *             "name": "spot",
					 *             "wastedSpendUsd": 5,
					 *             "decided": 7,
					 *             "kept": 1
					 *           }
					 *         ],
					 *         "tags": [
					 *           {
					 *             "name": "close-up",
					 *             "wastedSpendUsd": 5,
					 *             "decided": 6,
					 *             "kept": 1
					 *           }
					 *         ]
					 *       },
					 *       "backlog": {
					 *         "pending": 2,
					 *         "pendingSpendUsd": 2,
					 *         "oldestPendingAt": "2026-11-24T10:00:00.000Z"
					 *       },
					 *       "adviceChanges": [
					 *         {
					 *           "family": "sora-2",
					 *           "base": "sora-2",
					 *           "premium": "sora-2-pro",
					 *           "before": "base",
					 *           "after": "undecided",
					 *           "probabilityPremiumCheaper": 0.436
					 *         }
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['WeeklyReview'];
				};
			};
			/** @description Invalid input: every problem is listed in `issues`, by field (and by `index` in a batch) */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "invalid query parameters",
					 *       "issues": [
					 *         {
					 *           "path": "week",
					 *           "message": "must be an ISO week, e.g. 2026-W48"
					 *         }
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description No API key, or an unknown or revoked one */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "missing API key: send \"Authorization: Bearer <api key>\""
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The key lacks the scope, or the request names a project outside the key’s projects */
			403: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "this API key lacks the \"read\" scope"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The database is unavailable: a write may or may not have been stored; send it again after Retry-After (resends are idempotent by id) */
			503: {
				headers: {
					'Retry-After': components['headers']['RetryAfter'];
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "the database is unavailable; a write may or may not have been stored: send it again (resends are idempotent)"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
		};
	};
	attemptsCsv: {
		parameters: {
			query?: {
				/** @description Start of the range, included: a date (YYYY-MM-DD, local midnight in the workspace time zone) or an ISO date-time with an offset */
				from?: string;
				/** @description End of the range, excluded; as `from` */
				to?: string;
				/** @description A project slug; a key restricted to projects must name one of them */
				project?: string;
				/** @description A model id */
				model?: string;
				/** @description A scene tag; repeat it to ask for attempts with every tag */
				tag?: string[];
			};
			header?: never;
			path?: never;
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description Every attempt in [from, to) as CSV, streamed; it imports back exactly */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example id,project,model,createdAt,durationSeconds,resolution,costUsd,costSource,status,verdict,rejectReason,reviewSeconds,verdictAt,verdictBy,shotId,tags,tagsSource,prompt,generationSeconds,creator,videoUrl,metadata,receivedAt
					 *     shot-12-take-3,watch-launch,veo-3.1-fast-generate-preview,2026-11-20T14:03:00.000Z,8,1280x720,1.200000,price_book,succeeded,reject,warped hands,35,2026-11-21T09:12:40.000Z,key:7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b,shot-12,close-up,client,,,,,,2026-11-20T14:03:05.311Z
					 */
					'text/csv': string;
				};
			};
			/** @description Invalid input: every problem is listed in `issues`, by field (and by `index` in a batch) */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "invalid query parameters",
					 *       "issues": [
					 *         {
					 *           "path": "from",
					 *           "message": "must be a date (YYYY-MM-DD) or an ISO 8601 date-time with a time zone"
					 *         }
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description No API key, or an unknown or revoked one */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "missing API key: send \"Authorization: Bearer <api key>\""
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The key lacks the scope, or the request names a project outside the key’s projects */
			403: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "this API key lacks the \"read\" scope"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The database is unavailable: a write may or may not have been stored; send it again after Retry-After (resends are idempotent by id) */
			503: {
				headers: {
					'Retry-After': components['headers']['RetryAfter'];
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "the database is unavailable; a write may or may not have been stored: send it again (resends are idempotent)"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
		};
	};
	weeklyCsv: {
		parameters: {
			query?: {
				/** @description Start of the range, included: a date (YYYY-MM-DD, local midnight in the workspace time zone) or an ISO date-time with an offset */
				from?: string;
				/** @description End of the range, excluded; as `from` */
				to?: string;
				/** @description A project slug; a key restricted to projects must name one of them */
				project?: string;
				/** @description A model id */
				model?: string;
				/** @description A scene tag; repeat it to ask for attempts with every tag */
				tag?: string[];
				/** @description US dollars an hour of a reviewer’s time: prices review labour for this answer instead of the workspace’s rate */
				laborUsdPerHour?: string;
			};
			header?: never;
			path?: never;
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description Figures per ISO week and model in [from, to) as CSV */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example week,weekStart,model,family,attempts,kept,rejected,failed,pending,spendUsd,decidedSpendUsd,wastedSpendUsd,keepRate,costPerAttemptUsd,costPerKeptClipUsd,keptSeconds,costPerKeptSecondUsd,reviewSeconds,laborUsd,allInSpendUsd,allInCostPerKeptClipUsd
					 *     2026-W48,2026-11-23,sora-2,sora-2,10,2,5,1,2,9.000000,7.000000,5.000000,0.25,0.875000,3.500000,20,0.350000,240,3.000000,10.000000,5.000000
					 */
					'text/csv': string;
				};
			};
			/** @description Invalid input: every problem is listed in `issues`, by field (and by `index` in a batch) */
			400: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "invalid query parameters",
					 *       "issues": [
					 *         {
					 *           "path": "from",
					 *           "message": "must be a date (YYYY-MM-DD) or an ISO 8601 date-time with a time zone"
					 *         }
					 *       ]
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description No API key, or an unknown or revoked one */
			401: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "missing API key: send \"Authorization: Bearer <api key>\""
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The key lacks the scope, or the request names a project outside the key’s projects */
			403: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "this API key lacks the \"read\" scope"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
			/** @description The database is unavailable: a write may or may not have been stored; send it again after Retry-After (resends are idempotent by id) */
			503: {
				headers: {
					'Retry-After': components['headers']['RetryAfter'];
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "error": "the database is unavailable; a write may or may not have been stored: send it again (resends are idempotent)"
					 *     }
					 */
					'application/json': components['schemas']['Error'];
				};
			};
		};
	};
	health: {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description 200 once the database is migrated and answers; 503 otherwise */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "status": "ok",
					 *       "database": "pglite"
					 *     }
					 */
					'application/json': components['schemas']['Health'];
				};
			};
			/** @description Not ready: the database is not migrated or does not answer */
			503: {
				headers: {
					'Retry-After': components['headers']['RetryAfter'];
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "status": "unavailable",
					 *       "database": "pglite"
					 *     }
					 */
					'application/json': components['schemas']['Health'];
				};
			};
		};
	};
	openapi: {
		parameters: {
			query?: never;
			header?: never;
			path?: never;
			cookie?: never;
		};
		requestBody?: never;
		responses: {
			/** @description This document */
			200: {
				headers: {
					[name: string]: unknown;
				};
				content: {
					/**
					 * @example {
					 *       "openapi": "3.1.0"
					 *     }
					 */
					'application/json': {
						[key: string]: unknown;
					};
				};
			};
		};
	};
}
